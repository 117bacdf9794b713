import Macie2Model

/// `--include` / `--exclude` text, `KEY COMPARATOR VALUE[,VALUE...]`, as a ListJobsFilterTerm:
/// `jobStatus EQ RUNNING,PAUSED`, `name STARTS_WITH pii-`, `createdAt GT 2026-01-01T00:00:00Z`.
public enum FilterTermParser {
    /// Filter text that cannot be a term: a usage error, reported before anything is fetched.
    public struct Invalid: Error, CustomStringConvertible, Sendable {
        /// One line that quotes the bad part and lists what is allowed, or shows the expected shape.
        public let description: String
    }

    /// One `--include`/`--exclude` value as a term. The key is matched exactly, as the API spells it; the
    /// comparator in any case; empty values are dropped. Throws ``Invalid`` for a wrong shape, an
    /// unknown key or comparator, or no value.
    public static func parse(_ text: String) throws(Invalid) -> ListJobsFilterTerm {
        let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count == 3 else {
            throw Invalid(
                description: "filter '\(text)' must be 'KEY COMPARATOR VALUE[,VALUE]', for example 'jobStatus EQ RUNNING,PAUSED'")
        }
        let key = ListJobsFilterKey(rawValue: String(parts[0]))
        guard key.isKnown else {
            throw Invalid(
                description:
                    "filter key '\(parts[0])' must be one of \(ListJobsFilterKeyValues.knownValues.joined(separator: ", "))")
        }
        let comparator = JobComparator(rawValue: String(parts[1]).uppercased())
        guard comparator.isKnown else {
            throw Invalid(
                description:
                    "filter comparator '\(parts[1])' must be one of \(JobComparatorValues.knownValues.joined(separator: ", "))")
        }
        let values = parts[2].split(separator: ",").map { String($0) }.filter { !$0.isEmpty }
        guard !values.isEmpty else { throw Invalid(description: "filter '\(text)' has no value") }
        return ListJobsFilterTerm(comparator: comparator, key: key, values: values)
    }
}

import Foundation
import Macie2Model

/// ListClassificationJobs semantics on an in-memory list: filter, sort, and where pages start.
///
/// Filter terms: a job must match every `includes` term and no `excludes` term. A term
/// matches when the job's value matches any of its values (EQ), none of them (NE), the
/// first one by order (GT, GTE, LT, LTE on createdAt), contains it (CONTAINS) or starts with
/// it (STARTS_WITH, name only). Which comparators a key accepts follows the Macie
/// documentation: jobType and jobStatus EQ/NE; createdAt EQ/NE/GT/GTE/LT/LTE with ISO-8601
/// values; name EQ/NE/CONTAINS/STARTS_WITH, case-sensitive.
struct JobQuery {
    struct Invalid: Error { let message: String }

    let filter: ListJobsFilterCriteria?
    let sort: ListJobsSortCriteria?

    static let comparators: [String: Set<String>] = [
        "jobType": ["EQ", "NE"],
        "jobStatus": ["EQ", "NE"],
        "createdAt": ["EQ", "NE", "GT", "GTE", "LT", "LTE"],
        "name": ["EQ", "NE", "CONTAINS", "STARTS_WITH"],
    ]

    /// Refuses terms the service would refuse: a missing key or comparator, a comparator the
    /// key does not take, no values, a createdAt value that is not a timestamp.
    func validate() throws(Invalid) {
        for (side, terms) in [("includes", filter?.includes), ("excludes", filter?.excludes)] {
            for (i, term) in (terms ?? []).enumerated() {
                let place = "filterCriteria.\(side)[\(i)]"
                guard let key = term.key?.rawValue else { throw Invalid(message: "\(place).key is required.") }
                guard let comparator = term.comparator?.rawValue else {
                    throw Invalid(message: "\(place).comparator is required.")
                }
                guard Self.comparators[key]?.contains(comparator) == true else {
                    throw Invalid(message: "\(place): comparator \(comparator) is not supported for key \(key).")
                }
                guard let values = term.values, !values.isEmpty else {
                    throw Invalid(message: "\(place).values must list at least one value.")
                }
                if key == "createdAt", let bad = values.first(where: { ISO8601Timestamp.parse($0) == nil }) {
                    throw Invalid(message: "\(place).values: '\(bad)' is not an ISO-8601 timestamp.")
                }
            }
        }
    }

    /// The jobs that pass the filter, in the requested order (the dataset's order by default,
    /// ties broken by jobId so that pages never shuffle).
    func apply(to jobs: [DescribeClassificationJobResponse]) -> [DescribeClassificationJobResponse] {
        let kept = jobs.filter { job in
            (filter?.includes ?? []).allSatisfy { Self.matches(job, $0) }
                && !(filter?.excludes ?? []).contains { Self.matches(job, $0) }
        }
        guard let attribute = sort?.attributeName?.rawValue else { return kept }
        let descending = sort?.orderBy?.rawValue == "DESC"
        let indexed = kept.enumerated().map { ($0.offset, $0.element) }
        return indexed.sorted { a, b in
            let order = Self.compare(a.1, b.1, by: attribute)
            if order != .orderedSame { return descending ? order == .orderedDescending : order == .orderedAscending }
            let (x, y) = (Array((a.1.jobId ?? "").utf8), Array((b.1.jobId ?? "").utf8))
            return x != y ? x.lexicographicallyPrecedes(y) : a.0 < b.0
        }.map(\.1)
    }

    static func matches(_ job: DescribeClassificationJobResponse, _ term: ListJobsFilterTerm) -> Bool {
        let values = term.values ?? []
        switch (term.key?.rawValue, term.comparator?.rawValue) {
        case ("createdAt", let comparator?):
            guard let created = job.createdAt else { return false }
            let dates = values.compactMap(ISO8601Timestamp.parse)
            switch comparator {
            case "EQ": return dates.contains(created)
            case "NE": return !dates.contains(created)
            case "GT": return dates.first.map { created > $0 } ?? false
            case "GTE": return dates.first.map { created >= $0 } ?? false
            case "LT": return dates.first.map { created < $0 } ?? false
            case "LTE": return dates.first.map { created <= $0 } ?? false
            default: return false
            }
        case (let key?, let comparator?):
            let text: String? =
                switch key {
                case "jobType": job.jobType?.rawValue
                case "jobStatus": job.jobStatus?.rawValue
                default: job.name
                }
            guard let text else { return comparator == "NE" }
            switch comparator {
            case "EQ": return values.contains(text)
            case "NE": return !values.contains(text)
            case "CONTAINS": return values.contains { text.contains($0) }
            case "STARTS_WITH": return values.contains { text.hasPrefix($0) }
            default: return false
            }
        default:
            return false
        }
    }

    static func compare(_ a: DescribeClassificationJobResponse, _ b: DescribeClassificationJobResponse, by attribute: String)
        -> ComparisonResult
    {
        func order<T: Comparable>(_ x: T?, _ y: T?) -> ComparisonResult {
            switch (x, y) {
            case (let x?, let y?): return x < y ? .orderedAscending : (y < x ? .orderedDescending : .orderedSame)
            case (nil, .some): return .orderedAscending
            case (.some, nil): return .orderedDescending
            case (nil, nil): return .orderedSame
            }
        }
        // Text sorts by code point (UTF-8 byte order), as most SDKs' languages sort strings.
        func bytes(_ text: String?) -> CodePoints? { text.map { CodePoints(bytes: Array($0.utf8)) } }
        switch attribute {
        case "createdAt": return order(a.createdAt, b.createdAt)
        case "jobStatus": return order(bytes(a.jobStatus?.rawValue), bytes(b.jobStatus?.rawValue))
        case "jobType": return order(bytes(a.jobType?.rawValue), bytes(b.jobType?.rawValue))
        default: return order(bytes(a.name), bytes(b.name))
        }
    }
}

/// Text ordered by code point: UTF-8 bytes compared lexicographically.
struct CodePoints: Comparable {
    let bytes: [UInt8]
    static func < (a: Self, b: Self) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}

import Macie2Model

/// Writes a job's runtime bucket criteria as one line a reader can check at a glance:
/// `include S3_BUCKET_NAME STARTS_WITH prod-|data-; exclude tag EQ env=test`.
enum BucketCriteriaText {
    static func describe(_ criteria: S3BucketCriteriaForJob) -> String? {
        let parts = block("include", criteria.includes) + block("exclude", criteria.excludes)
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    private static func block(_ verb: String, _ block: CriteriaBlockForJob?) -> [String] {
        (block?.and ?? []).compactMap { criterion in
            if let simple = criterion.simpleCriterion {
                let words: [String?] = [simple.key?.rawValue, simple.comparator?.rawValue, simple.values?.joined(separator: "|")]
                return "\(verb) " + words.compactMap { $0 }.joined(separator: " ")
            }
            if let tag = criterion.tagCriterion {
                let pairs = (tag.tagValues ?? []).map { pair -> String in
                    [pair.key, pair.value].compactMap { $0 }.joined(separator: "=")
                }
                let words: [String?] = [tag.comparator?.rawValue, pairs.joined(separator: "|")]
                return "\(verb) tag " + words.compactMap { $0 }.joined(separator: " ")
            }
            return nil
        }
    }
}

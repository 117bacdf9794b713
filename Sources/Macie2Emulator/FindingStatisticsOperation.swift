import Foundation
import JobFetch
import Macie2Model

/// GetFindingStatistics (`POST /findings/statistics`) answered from a region's recorded
/// `FindingCount` groups, for what a per-job findings column needs and no more:
///
/// - `groupBy`: `classificationDetails.jobId` or `severity.description`; the model's other two
///   (`resourcesAffected.s3Bucket.name`, `type`) are a ValidationException here, since the
///   samples do not record buckets or types;
/// - `findingCriteria.criterion`: `eq` and `neq` on `classificationDetails.jobId`,
///   `severity.description` and `archived` (`["true"]` or `["false"]`); any other property or
///   operator is a ValidationException. Without an `archived` condition both are counted, as
///   the API does;
/// - `size`: the model gives no range and no default. The emulator refuses a size below 1 and,
///   without one, returns every group; it returns at most `size` groups and, as the API, no
///   `nextToken`, so a caller cannot tell a full answer from a cut one;
/// - `sortCriteria`: by `groupKey` or `count`, `ASC` or `DESC`; the model gives no default, the
///   emulator uses `groupKey` `ASC`, and orders equal counts by key.
///
/// Groups with no matching finding are not listed, as the API lists only groups of findings.
enum FindingStatisticsOperation {
    /// The properties conditions may test, and the groupings served.
    static let properties: Set<String> = ["classificationDetails.jobId", "severity.description", "archived"]

    /// The answer to one request body: the counts, or a ValidationException naming what to fix.
    static func answer(_ body: [UInt8], findings: [FindingCount]) -> EmulatorResponse {
        let request: GetFindingStatisticsRequest
        do {
            request = try Macie2JSON.decoder().decode(GetFindingStatisticsRequest.self, from: Data(body))
        } catch {
            return invalid("The request body must be a JSON object with a groupBy string; \(error).")
        }
        guard request.groupBy == .jobId || request.groupBy == .severity else {
            return invalid(
                "groupBy \(request.groupBy.rawValue) is not served by the emulator (classificationDetails.jobId or severity.description).")
        }
        if let size = request.size, size < 1 { return invalid("size must be at least 1, not \(size).") }
        let attribute = request.sortCriteria?.attributeName ?? .groupKey
        let order = request.sortCriteria?.orderBy ?? OrderBy(rawValue: "ASC")
        guard attribute.isKnown else { return invalid("sortCriteria.attributeName must be groupKey or count.") }
        guard order.isKnown else { return invalid("sortCriteria.orderBy must be ASC or DESC.") }
        let criterion = request.findingCriteria?.criterion ?? [:]
        for (property, condition) in criterion.sorted(by: { $0.key < $1.key }) {
            guard properties.contains(property) else {
                return invalid("findingCriteria.criterion.\(property) is not served by the emulator.")
            }
            guard condition.eqExactMatch == nil, condition.gt == nil, condition.gte == nil, condition.lt == nil,
                condition.lte == nil
            else {
                return invalid("findingCriteria.criterion.\(property) takes eq or neq only in the emulator.")
            }
            if property == "archived",
                let bad = ((condition.eq ?? []) + (condition.neq ?? [])).first(where: { $0 != "true" && $0 != "false" })
            {
                return invalid("findingCriteria.criterion.archived takes \"true\" or \"false\", not \"\(bad)\".")
            }
        }
        var counts: [String: Int64] = [:]
        for group in findings where matches(group, criterion) {
            counts[request.groupBy == .jobId ? group.jobId : group.severity, default: 0] += group.count
        }
        let descending = order.rawValue == "DESC"
        let sorted = counts.filter { $0.value > 0 }.sorted { a, b in
            if attribute == .count, a.value != b.value { return descending ? a.value > b.value : a.value < b.value }
            return descending && attribute == .groupKey ? a.key > b.key : a.key < b.key
        }
        let groups = sorted.prefix(request.size ?? sorted.count).map { GroupCount(count: $0.value, groupKey: $0.key) }
        let response = GetFindingStatisticsResponse(countsByGroup: Array(groups))
        return .json((try? Macie2JSON.encoder().encode(response)) ?? Data())
    }

    /// Whether a group meets every condition: any `eq` value, and none of the `neq` values.
    static func matches(_ group: FindingCount, _ criterion: [String: CriterionAdditionalProperties]) -> Bool {
        criterion.allSatisfy { property, condition in
            let value: String
            switch property {
            case "classificationDetails.jobId": value = group.jobId
            case "severity.description": value = group.severity
            default: value = group.archived ? "true" : "false"
            }
            if let eq = condition.eq, !eq.contains(value) { return false }
            return !(condition.neq ?? []).contains(value)
        }
    }

    private static func invalid(_ message: String) -> EmulatorResponse {
        .error("ValidationException", 400, message)
    }
}

import AWSClient
import Foundation
import JobFetch
import Macie2Model

extension LiveJobSource {
    /// How finding counts are read (`nil` in ``Options/findings`` for `--no-findings`).
    public struct FindingOptions: Sendable {
        /// Count archived (suppressed) findings too (`--include-archived-findings`).
        public var includeArchived: Bool
        /// The `size` asked of GetFindingStatistics: an answer with this many groups may have
        /// been cut off. The model documents no range; 100 is kept low so that a service cap
        /// above it cannot cut an answer unseen. Below 2 is raised to 2.
        public var groupLimit: Int

        public init(includeArchived: Bool = false, groupLimit: Int = 100) {
            self.includeArchived = includeArchived
            self.groupLimit = max(2, groupLimit)
        }
    }

    /// Reads the finding counts of every job of the batch: one GetFindingStatistics call per
    /// severity, grouped by job, archived findings left out unless asked (or, when samples are
    /// recorded, asked for apart, so the recording serves either choice). A jobless batch
    /// costs nothing. Any failure leaves every job's counts unknown and makes the batch's
    /// findings gap: partial counts would read as whole.
    func attachFindings(to batch: inout ScopeBatch, options findingOptions: FindingOptions, limit: ConcurrencyLimit) async {
        let ids = batch.jobs.compactMap(\.job.jobId)
        guard !ids.isEmpty else { return }
        let macie = Macie2Client(client: client, region: batch.region)
        let archivedChoices: [Bool?] = options.keepBodies ? [false, true] : [findingOptions.includeArchived ? nil : false]
        let queries = FindingSeverity.allCases.flatMap { severity in archivedChoices.map { (severity, $0) } }
        do {
            let answers = try await withThrowingTaskGroup(of: [FindingCount].self) { group in
                for (severity, archived) in queries {
                    group.addTask {
                        let query = FindingQuery(severity: severity, archived: archived, groupLimit: findingOptions.groupLimit)
                        let counts = try await query.counts(of: ids, macie: macie, limit: limit)
                        return counts.map { FindingCount(jobId: $0.key, severity: severity.rawValue, archived: archived == true, count: $0.value) }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let order = { (group: FindingCount) in
                (group.jobId, FindingSeverity(rawValue: group.severity).flatMap { FindingSeverity.allCases.firstIndex(of: $0) } ?? 3, group.archived ? 1 : 0)
            }
            let groups = answers.sorted { order($0) < order($1) }
            if options.keepBodies { batch.findingGroups = groups }
            let counts = FindingCounts.perJob(groups, includeArchived: findingOptions.includeArchived)
            for index in batch.jobs.indices {
                batch.jobs[index].findings = batch.jobs[index].job.jobId.map { counts[$0] ?? .zero }
            }
        } catch let error as AWSError {
            logger.warning("finding counts could not be read", metadata: ["region": "\(batch.region)", "error": "\(error)"])
            batch.findingsGap = ScopeGap(scope: batch.scope, reason: Self.findingsReason(error, jobs: ids.count), listIsComplete: true)
        } catch {
            batch.findingsGap = ScopeGap(
                scope: batch.scope, reason: "finding counts of \(ids.count) job(s) could not be read: \(error)", listIsComplete: true)
        }
    }

    /// One line for a scope's findings gap, naming what to grant or how to switch it off.
    static func findingsReason(_ error: AWSError, jobs: Int) -> String {
        lookupReason(
            error, what: "finding counts of \(jobs) job(s) could not be read, so they are left empty",
            operation: "GetFindingStatistics", remedy: "grant macie2:GetFindingStatistics, or run with --no-findings")
    }
}

/// The counts of one severity (and archived choice) for a scope's jobs, grouped by job.
///
/// GetFindingStatistics has no `nextToken`: an answer with `groupLimit` groups may have been
/// cut off, and its counts are never taken as whole. The first call asks for every job at
/// once; if its answer is full, the jobs are asked for again in slices of `groupLimit - 1`
/// ids (a `classificationDetails.jobId` `eq` condition), whose answers cannot be full. The
/// slices are asked for together, each holding one of the walk's permits.
struct FindingQuery: Sendable {
    var severity: FindingSeverity
    /// `false`: only findings not archived; `true`: only archived ones; `nil`: both.
    var archived: Bool?
    var groupLimit: Int

    func counts(of jobIds: [String], macie: Macie2Client, limit: ConcurrencyLimit) async throws -> [String: Int64] {
        let wanted = Set(jobIds)
        let first = try await ask(nil, macie, limit)
        if first.count < groupLimit { return Self.tally(first, wanted) }
        let slice = groupLimit - 1
        let slices = stride(from: 0, to: jobIds.count, by: slice).map { Array(jobIds[$0..<min($0 + slice, jobIds.count)]) }
        return try await withThrowingTaskGroup(of: [String: Int64].self) { group in
            for ids in slices {
                group.addTask {
                    let answer = try await ask(ids, macie, limit)
                    guard answer.count < groupLimit else {
                        throw AWSError.malformedAnswer(
                            "GetFindingStatistics answered \(answer.count) groups for \(ids.count) jobs; the counts cannot be trusted")
                    }
                    return Self.tally(answer, wanted)
                }
            }
            return try await group.reduce(into: [:]) { $0.merge($1) { FindingCounts.adding($0, $1) } }
        }
    }

    /// One request: this severity and archived choice, for `jobIds` or for every job.
    private func ask(_ jobIds: [String]?, _ macie: Macie2Client, _ limit: ConcurrencyLimit) async throws -> [(key: String, count: Int64)] {
        var criterion: [String: CriterionAdditionalProperties] = ["severity.description": .init(eq: [severity.rawValue])]
        if let archived { criterion["archived"] = .init(eq: [archived ? "true" : "false"]) }
        if let jobIds { criterion["classificationDetails.jobId"] = .init(eq: jobIds) }
        let request = GetFindingStatisticsRequest(
            findingCriteria: FindingCriteria(criterion: criterion), groupBy: .jobId, size: groupLimit,
            sortCriteria: FindingStatisticsSortCriteria(attributeName: .groupKey, orderBy: OrderBy(rawValue: "ASC")))
        return try await limit.run { try await macie.getFindingStatistics(request) }
    }

    /// The answer's counts of the jobs wanted (a deleted job's findings are left out); a job
    /// named twice counts twice.
    private static func tally(_ groups: [(key: String, count: Int64)], _ wanted: Set<String>) -> [String: Int64] {
        var counts: [String: Int64] = [:]
        for group in groups where wanted.contains(group.key) {
            counts[group.key] = FindingCounts.adding(counts[group.key] ?? 0, group.count)
        }
        return counts
    }
}

import AWSClient
import Foundation
import Macie2Model

/// The Macie2 operations the walk calls, as a thin table over the run's `AWSClient`
/// (rest-json, signing name `macie2`, `AWS_ENDPOINT_URL_MACIE2`), for one region. Every
/// answer is checked against what the operation returns: an answer that does not match is
/// malformed, never taken for an empty one.
public struct Macie2Client: Sendable {
    /// Macie2 as `macie2-service-2.json` describes it: signing name and host prefix `macie2`, rest-json.
    public static let service = AWSService(
        signingName: "macie2", endpointPrefix: "macie2", serviceId: "Macie2", wireProtocol: .restJSON)

    /// The run's shared client: its connection pool, credentials and retry quota.
    public let client: AWSClient
    /// The one region every call goes to.
    public let region: String

    /// Cheap, one per region over the same client. The region is checked when the first call resolves
    /// its endpoint, not here.
    public init(client: AWSClient, region: String) {
        self.client = client
        self.region = region
    }

    /// ListClassificationJobs (`POST /jobs/list`). A page without `items` is malformed.
    public func listClassificationJobs(_ request: ListClassificationJobsRequest) async throws -> ListClassificationJobsResponse {
        let body = try Macie2JSON.encoder().encode(request)
        let answer = try await client.send(
            .restJSON("ListClassificationJobs", method: "POST", path: "/jobs/list", json: Array(body)), to: Self.service,
            region: region)
        let page = try decode(ListClassificationJobsResponse.self, answer.body, "ListClassificationJobs")
        guard page.items != nil else {
            throw AWSError.malformedAnswer("ListClassificationJobs answered without items; the list cannot be trusted")
        }
        return page
    }

    /// DescribeClassificationJob (`GET /jobs/{jobId}`), with the answer's bytes as sent. An
    /// id that cannot be one path segment is refused before any request; an answer about
    /// another job is malformed.
    public func describeClassificationJob(jobId: String) async throws -> (job: DescribeClassificationJobResponse, body: [UInt8]) {
        guard let label = AWSRequest.pathLabel(jobId) else {
            throw AWSError.malformedAnswer("jobId \(ServerText.quoted(jobId)) from the list cannot be put in a request path")
        }
        let answer = try await client.send(
            .restJSON("DescribeClassificationJob", method: "GET", path: "/jobs/" + label), to: Self.service, region: region)
        let job = try decode(DescribeClassificationJobResponse.self, answer.body, "DescribeClassificationJob")
        guard job.jobId == jobId else {
            throw AWSError.malformedAnswer(
                "DescribeClassificationJob for \(ServerText.quoted(jobId)) answered about \(ServerText.quoted(job.jobId ?? "no job"))"
            )
        }
        return (job, answer.body)
    }

    /// GetFindingStatistics (`POST /findings/statistics`). An answer without `countsByGroup`,
    /// or with a group missing its key or count, is malformed: read as "no findings" it would
    /// hide them.
    public func getFindingStatistics(_ request: GetFindingStatisticsRequest) async throws -> [(key: String, count: Int64)] {
        let body = try Macie2JSON.encoder().encode(request)
        let answer = try await client.send(
            .restJSON("GetFindingStatistics", method: "POST", path: "/findings/statistics", json: Array(body)),
            to: Self.service, region: region)
        let response = try decode(GetFindingStatisticsResponse.self, answer.body, "GetFindingStatistics")
        guard let groups = response.countsByGroup else {
            throw AWSError.malformedAnswer("GetFindingStatistics answered without countsByGroup; the counts cannot be trusted")
        }
        return try groups.map { group in
            guard let key = group.groupKey, let count = group.count, count >= 0 else {
                throw AWSError.malformedAnswer(
                    "GetFindingStatistics answered with a group without a key or a count of 0 or more; the counts cannot be trusted")
            }
            return (key, count)
        }
    }

    /// The most members ListMembers puts on one page (`maxResults` is 1-25).
    public static let membersPageSize = 25

    /// ListMembers (`GET /members?maxResults=&nextToken=&onlyAssociated=true`): one page of
    /// the accounts associated with this Macie administrator (`onlyAssociated=true` leaves out
    /// accounts that were only invited or have gone). A page without `members`, or a member
    /// without a 12-digit `accountId`, is malformed.
    public func listMembers(nextToken: String?, maxResults: Int = membersPageSize) async throws -> ListMembersResponse {
        var query = [(name: "maxResults", value: String(maxResults))]
        if let nextToken { query.append((name: "nextToken", value: nextToken)) }
        query.append((name: "onlyAssociated", value: "true"))
        let answer = try await client.send(
            .restJSON("ListMembers", method: "GET", path: "/members", query: query), to: Self.service, region: region)
        let page = try decode(ListMembersResponse.self, answer.body, "ListMembers")
        guard let members = page.members else {
            throw AWSError.malformedAnswer("ListMembers answered without members; the member list cannot be trusted")
        }
        if let bad = members.first(where: { !STS.isAccountId($0.accountId ?? "") }) {
            throw AWSError.malformedAnswer(
                "ListMembers answered with a member whose accountId \(ServerText.quoted(bad.accountId ?? "(none)")) is not 12 digits")
        }
        return page
    }

    private func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8], _ operation: String) throws -> T {
        do {
            return try Macie2JSON.decoder().decode(type, from: Data(body))
        } catch {
            throw AWSError.malformedAnswer(
                "\(operation) answered with a body that does not match the Macie2 model: \(ServerText.oneLine("\(error)"))",
                cause: error)
        }
    }
}

extension AWSError {
    /// Macie is not enabled in the account and region: every Macie2 operation there answers
    /// AccessDeniedException "Macie is not enabled." (HTTP 401 as AWS sends it, 403 in the
    /// model). Told by the message, since the status differs: a fact about the estate, not a
    /// permission to fix.
    public var isMacieOff: Bool {
        isAccessDenied && message.range(of: "Macie is not enabled", options: .caseInsensitive) != nil
    }
}

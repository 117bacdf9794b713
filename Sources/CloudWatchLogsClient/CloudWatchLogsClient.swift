import AWSClient
import Foundation
import JobLogModel

/// The CloudWatch Logs operation the run calls, as a thin table over the run's `AWSClient`
/// (JSON 1.1, `X-Amz-Target: Logs_20140328.<Operation>`, signing name `logs`,
/// `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`), for one region.
public struct CloudWatchLogsClient: Sendable {
    /// CloudWatch Logs as `logs-service-2.json` describes it.
    public static let service = AWSService(
        signingName: "logs", endpointPrefix: "logs", serviceId: "CloudWatch Logs",
        wireProtocol: .json(targetPrefix: "Logs_20140328"))

    /// The run's shared client: its connection pool, credentials and retry quota.
    public let client: AWSClient
    /// The one region every call goes to.
    public let region: String

    /// Cheap, one per region over the same client.
    public init(client: AWSClient, region: String) {
        self.client = client
        self.region = region
    }

    /// FilterLogEvents. An answer that is not a FilterLogEvents page is malformed, never
    /// taken for an empty one.
    public func filterLogEvents(_ request: FilterLogEventsRequest) async throws -> FilterLogEventsResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(request)
        let answer = try await client.send(
            .json("FilterLogEvents", targetPrefix: "Logs_20140328", json: Array(body)), to: Self.service, region: region)
        do {
            return try JSONDecoder().decode(FilterLogEventsResponse.self, from: Data(answer.body))
        } catch {
            throw AWSError.malformedAnswer(
                "FilterLogEvents answered with a body that does not match the CloudWatch Logs model: \(ServerText.oneLine("\(error)"))",
                cause: error)
        }
    }
}

import AWSClient
import Foundation

/// The Organizations operation the run calls, ListAccounts, as a thin table over the run's
/// `AWSClient` (JSON 1.1, `X-Amz-Target: AWSOrganizationsV20161128.ListAccounts`, signing name
/// `organizations`, `AWS_ENDPOINT_URL_ORGANIZATIONS`).
///
/// Organizations is global: one endpoint per partition, signed for that endpoint's region
/// (the SDKs' endpoint rules): `organizations.us-east-1.amazonaws.com` (us-east-1) for `aws`,
/// `organizations.cn-northwest-1.amazonaws.com.cn` (cn-northwest-1) for `aws-cn`,
/// `organizations.us-gov-west-1.amazonaws.com` (us-gov-west-1) for `aws-us-gov`. Calling it
/// in that region makes the client's one endpoint rule give that host unless
/// `--endpoint-url`, `AWS_ENDPOINT_URL_ORGANIZATIONS` or `AWS_ENDPOINT_URL` says otherwise.
public struct OrganizationsClient: Sendable {
    /// Organizations as `organizations-service-2.json` describes it.
    public static let service = AWSService(
        signingName: "organizations", endpointPrefix: "organizations", serviceId: "Organizations",
        wireProtocol: .json(targetPrefix: "AWSOrganizationsV20161128"))

    /// The largest page ListAccounts gives (`MaxResults` is 1-20).
    public static let pageSize = 20

    /// The run's shared client: its connection pool, credentials and retry quota.
    public let client: AWSClient
    /// The partition's Organizations region: the host's region and the signing region.
    public let region: String

    /// Organizations of the partition `region` is in (any region of the run will do).
    public init(client: AWSClient, partitionOf region: String) {
        self.client = client
        self.region = Self.homeRegion(partitionOf: region)
    }

    /// Where a partition's Organizations lives: us-east-1, cn-northwest-1 or us-gov-west-1.
    public static func homeRegion(partitionOf region: String) -> String {
        switch AWSRegion.partition(region) {
        case "aws-cn": return "cn-northwest-1"
        case "aws-us-gov": return "us-gov-west-1"
        default: return "us-east-1"
        }
    }

    /// One ListAccounts page. An answer without `Accounts`, or with an account without a
    /// 12-digit `Id` or any status, is malformed: taken as fewer accounts, it would hide some.
    public func listAccounts(nextToken: String?, maxResults: Int = pageSize) async throws -> ListAccountsPage {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(ListAccountsRequest(nextToken: nextToken, maxResults: maxResults))
        let answer = try await client.send(
            .json("ListAccounts", targetPrefix: "AWSOrganizationsV20161128", json: Array(body)), to: Self.service,
            region: region)
        let response: ListAccountsResponse
        do {
            response = try JSONDecoder().decode(ListAccountsResponse.self, from: Data(answer.body))
        } catch {
            throw AWSError.malformedAnswer(
                "ListAccounts answered with a body that does not match the Organizations model: \(ServerText.oneLine("\(error)"))",
                cause: error)
        }
        guard let accounts = response.accounts else {
            throw AWSError.malformedAnswer("ListAccounts answered without Accounts; the account list cannot be trusted")
        }
        return ListAccountsPage(accounts: try accounts.map(OrganizationAccount.init), nextToken: response.nextToken)
    }
}

import Foundation
import JobFetch

/// Organizations' ListAccounts as the emulator speaks it: JSON 1.1 (`POST /` with
/// `X-Amz-Target: AWSOrganizationsV20161128.ListAccounts`), errors as `{"__type", "Message"}`
/// with HTTP 400, as organizations-service-2.json gives them no other status.
///
/// Who may call it is decided by ``Macie2Service``; this answers for a caller that may.
enum OrganizationsOperations {
    static let targetPrefix = "AWSOrganizationsV20161128."
    /// ListAccounts' `MaxResults` range, and its default: the model caps it at 20.
    static let maxResults = 20

    /// The operation a request names (`ListAccounts`), or `nil` for one of another service.
    static func operation(_ request: EmulatorRequest) -> String? {
        let target = request.headers.first { $0.name.lowercased() == "x-amz-target" }?.value ?? ""
        return target.hasPrefix(targetPrefix) ? String(target.dropFirst(targetPrefix.count)) : nil
    }

    /// An Organizations error: the model's members are `Message` (and `Reason` for InvalidInputException).
    static func error(_ type: String, _ message: String, reason: String? = nil, status: Int = 400) -> EmulatorResponse {
        var members = ["__type": type, "Message": message]
        members["Reason"] = reason
        let body = (try? JSONSerialization.data(withJSONObject: members, options: [.sortedKeys])) ?? Data()
        return EmulatorResponse(
            status: status, headers: [("Content-Type", LogsOperations.contentType), ("x-amzn-ErrorType", type)], body: Array(body)
        )
    }

    private struct Input: Decodable {
        var nextToken: String?
        var maxResults: Int?
        enum CodingKeys: String, CodingKey {
            case nextToken = "NextToken"
            case maxResults = "MaxResults"
        }
    }

    /// One page of the organization's accounts, or InvalidInputException for a `MaxResults`
    /// outside 1...20 or a token this operation did not make.
    static func listAccounts(
        _ body: [UInt8], directory: AccountDirectory, serial: () -> Int
    ) -> EmulatorResponse {
        let input: Input
        do {
            input = try JSONDecoder().decode(Input.self, from: Data(body.isEmpty ? Array("{}".utf8) : body))
        } catch {
            return Self.error("SerializationException", "The request body is not a ListAccounts request.")
        }
        let size = input.maxResults ?? maxResults
        guard size >= 1 else {
            return Self.error("InvalidInputException", "MaxResults must be at least 1.", reason: "MIN_VALUE_EXCEEDED")
        }
        guard size <= maxResults else {
            return Self.error("InvalidInputException", "MaxResults must be at most \(maxResults).", reason: "MAX_VALUE_EXCEEDED")
        }
        let accounts = directory.organizationAccounts
        var start = 0
        if let token = input.nextToken {
            guard let page = PageToken(token), page.query == "ListAccounts", page.offset <= accounts.count else {
                return Self.error(
                    "InvalidInputException", "The NextToken value is not valid.", reason: "INVALID_PAGINATION_TOKEN")
            }
            start = page.offset
        }
        let end = min(start + size, accounts.count)
        var answer: [String: Any] = [
            "Accounts": accounts[start..<end].map { entry(for: $0, directory: directory) }
        ]
        if end < accounts.count {
            answer["NextToken"] = PageToken(offset: end, query: "ListAccounts", serial: serial()).encoded
        }
        let json =
            (try? JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return LogsOperations.json(json)
    }

    /// The model's `Account`: `Status` in its three words (a closed account is `SUSPENDED`, as
    /// Organizations reported closed accounts before `State`), `State` as recorded. The file
    /// records no join method or date, so neither is sent.
    static func entry(for account: RecordedAccount, directory: AccountDirectory) -> [String: Any] {
        var entry: [String: Any] = [
            "Id": account.id, "Status": status(account.status), "State": account.status,
            "Arn": "arn:aws:organizations::\(directory.home):account/\(directory.organizationId ?? "")/\(account.id)",
        ]
        entry["Name"] = account.name
        entry["Email"] = account.email
        return entry
    }

    static func status(_ state: String) -> String {
        switch state {
        case "CLOSED": "SUSPENDED"
        case "PENDING_ACTIVATION": "ACTIVE"
        default: state
        }
    }
}

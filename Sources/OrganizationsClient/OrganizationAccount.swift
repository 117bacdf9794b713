import AWSClient

/// One account of the organization, as ListAccounts describes it: what the walk needs.
public struct OrganizationAccount: Sendable, Hashable {
    /// The 12-digit account id.
    public var id: String
    /// The account's friendly name, shown next to its id in the reports; `nil` if none was given.
    public var name: String?
    /// `State` (`ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`, `CLOSED`, `PENDING_ACTIVATION`), else
    /// the older `Status` (`ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`), which AWS retires on
    /// 9 September 2026: the model asks clients to read `State`. Unknown values are kept verbatim.
    public var state: String

    /// Values as given, unchecked; ``init(_:)`` checks an answer's.
    public init(id: String, name: String?, state: String) {
        self.id = id
        self.name = name
        self.state = state
    }

    /// Only an active account can be walked: a suspended or closing one has no working role.
    public var isActive: Bool { state == "ACTIVE" }

    init(_ account: ListAccountsResponse.Account) throws {
        guard let id = account.id, STS.isAccountId(id) else {
            throw AWSError.malformedAnswer(
                "ListAccounts answered with an account whose Id \(ServerText.quoted(account.id ?? "(none)")) is not 12 digits")
        }
        guard let state = account.state ?? account.status, !state.isEmpty else {
            throw AWSError.malformedAnswer(
                "ListAccounts answered with account \(id) without a State or Status, so whether it is active is unknown")
        }
        self.init(id: id, name: account.name.flatMap { $0.isEmpty ? nil : $0 }, state: state)
    }
}

/// One ListAccounts page: its accounts, and the token of the next page (`nil` at the end).
public struct ListAccountsPage: Sendable, Hashable {
    /// The page's accounts, in the service's order, of every state.
    public var accounts: [OrganizationAccount]
    /// Present while more pages follow, even after an empty page.
    public var nextToken: String?
}

/// ListAccounts' input; the coding keys are the model's member names.
struct ListAccountsRequest: Encodable {
    var nextToken: String?
    var maxResults: Int?

    enum CodingKeys: String, CodingKey {
        case nextToken = "NextToken"
        case maxResults = "MaxResults"
    }
}

/// ListAccounts' output: only the members the walk reads (`Arn`, `Email`, `JoinedMethod`,
/// `JoinedTimestamp`, `Paths` are not); the coding keys are the model's member names.
struct ListAccountsResponse: Decodable {
    struct Account: Decodable {
        var id: String?
        var name: String?
        var status: String?
        var state: String?

        enum CodingKeys: String, CodingKey {
            case id = "Id"
            case name = "Name"
            case status = "Status"
            case state = "State"
        }
    }

    var accounts: [Account]?
    var nextToken: String?

    enum CodingKeys: String, CodingKey {
        case accounts = "Accounts"
        case nextToken = "NextToken"
    }
}

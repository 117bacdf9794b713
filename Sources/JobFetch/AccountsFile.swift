import FileInput
import Foundation

/// `accounts.json` in a samples folder: the accounts a run saw, and what it found about each,
/// so a replay (and the emulator) knows the organization as the live run did. Small on purpose:
/// one entry an account, every member but `id` optional.
///
/// ```json
/// {"format": "macie-report accounts", "version": 1,
///  "homeAccountId": "111122223333", "organizationId": "o-a1b2c3d4e5",
///  "accounts": [
///   {"id": "111122223333", "name": "Management", "status": "ACTIVE", "inOrganization": true,
///    "macieOff": ["sa-east-1"]},
///   {"id": "444455556666", "name": "Payments", "status": "ACTIVE", "inOrganization": true,
///    "macieMember": "Enabled", "roles": [{"name": "MacieReport", "externalId": "nightly"}]}]}
/// ```
///
/// - `homeAccountId`: the account whose own credentials the run used (the Macie administrator,
///   and with `organizationId` the organization's management account).
/// - `organizationId`: the organization the home account manages; absent when there is none.
/// - per account: `status` in Organizations' `AccountState` words (`ACTIVE`, `SUSPENDED`,
///   `PENDING_CLOSURE`, `CLOSED`; absent is `ACTIVE`), `inOrganization`, `macieMember` (its Macie
///   `relationshipStatus` with the home account, such as `Enabled` or `Paused`; absent when it is
///   not a member), `roles` (roles it holds that the home account may assume: `trustedAccountId`
///   defaults to the home account, and an `externalId` must then be given), and `macieOff` (the
///   regions where Macie answered "Macie is not enabled"; a region not listed was either on or not
///   asked).
///
/// The account's jobs, logs and findings stay where they were: `DIR/<account>/`. A reader ignores
/// members it does not know, so later recordings may say more.
public struct AccountsFile: Codable, Sendable, Equatable {
    /// The file's name in a samples folder; the samples reader never takes it for a region file.
    public static let fileName = "accounts.json"
    /// The `format` every accounts file carries; another value is refused as not ours.
    public static let formatName = "macie-report accounts"
    /// The newest version this build reads, and the one it writes; a newer file is refused.
    public static let version = 1

    /// ``formatName`` in every valid file.
    public var format: String
    /// The version the file was written in.
    public var version: Int
    /// The account the run's own credentials belong to; `nil` when not recorded.
    public var homeAccountId: String?
    /// The organization the home account manages (`o-…`); `nil` when it manages none.
    public var organizationId: String?
    /// The accounts seen, in the order they were listed.
    public var accounts: [RecordedAccount]

    /// A file of this build's format and version.
    public init(homeAccountId: String? = nil, organizationId: String? = nil, accounts: [RecordedAccount]) {
        format = Self.formatName
        version = Self.version
        self.homeAccountId = homeAccountId
        self.organizationId = organizationId
        self.accounts = accounts
    }

    /// Reads `accounts.json` from `directory`; `nil` when there is none. Fatal (a ``SourceError``
    /// naming the file and the entry) when it is not ours, too new, or names an account twice or
    /// one that is not 12 digits: an organization read wrongly would report the wrong accounts.
    public static func read(in directory: URL) throws -> AccountsFile? {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let file: AccountsFile
        do {
            file = try JSONDecoder().decode(
                AccountsFile.self, from: UserFile.read(url.path, what: "samples accounts file", limit: 256 << 20))
        } catch let error as DecodingError {
            throw SourceError(
                "samples accounts file \(url.path) is not a macie-report accounts file: \(SamplesManifest.describe(error))")
        } catch let error as FileInputError {
            throw SourceError(error.description, cause: error)
        }
        if let problem = file.problem {
            throw SourceError("samples accounts file \(url.path): \(problem)")
        }
        return file
    }

    /// The file as written to a samples folder: pretty-printed, keys sorted, so recordings diff well.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// What makes the file unusable, or `nil` when nothing does.
    var problem: String? {
        guard format == Self.formatName else { return "format is \"\(format)\", not \"\(Self.formatName)\"" }
        guard version <= Self.version else {
            return "version \(version) is newer than this build reads (\(Self.version)); upgrade macie-report"
        }
        if let home = homeAccountId, !Scope.isAccountId(home) { return "homeAccountId \"\(home)\" is not 12 digits" }
        var seen = Set<String>()
        for (n, account) in accounts.enumerated() {
            guard Scope.isAccountId(account.id) else { return "accounts[\(n)]: id \"\(account.id)\" is not 12 digits" }
            guard seen.insert(account.id).inserted else { return "accounts[\(n)]: account \(account.id) is listed twice" }
            if let r = account.roles.firstIndex(where: { $0.name.isEmpty }) {
                return "accounts[\(n)].roles[\(r)]: the role has no name"
            }
        }
        return nil
    }
}

/// One account of an ``AccountsFile``.
public struct RecordedAccount: Codable, Sendable, Equatable {
    /// The 12-digit account id.
    public var id: String
    /// The account's name in the organization, when known.
    public var name: String?
    /// The account's email address in the organization, when known.
    public var email: String?
    /// Organizations' `AccountState`: `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`, `CLOSED`, kept verbatim.
    public var status: String
    /// Whether the account belongs to the home account's organization.
    public var inOrganization: Bool
    /// Its Macie `relationshipStatus` with the home account (`Enabled`, `Paused`, `Invited`, …);
    /// `nil` when it is not a Macie member of the home account.
    public var macieMember: String?
    /// Roles in the account that the home account may assume.
    public var roles: [Role]
    /// Regions where Macie is not enabled in this account, sorted.
    public var macieOff: [String]

    /// An account; only `id` is required, the rest default to an active account outside any
    /// organization, no Macie membership, no roles and Macie on wherever it was asked.
    public init(
        id: String, name: String? = nil, email: String? = nil, status: String = "ACTIVE", inOrganization: Bool = false,
        macieMember: String? = nil, roles: [Role] = [], macieOff: [String] = []
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.status = status
        self.inOrganization = inOrganization
        self.macieMember = macieMember
        self.roles = roles
        self.macieOff = macieOff
    }

    /// A role the home account may assume: `arn:{partition}:iam::{account}:role/{name}`.
    public struct Role: Codable, Sendable, Equatable {
        /// The role's name (the last part of its ARN).
        public var name: String
        /// The account its trust policy names; `nil` means the home account.
        public var trustedAccountId: String?
        /// The `sts:ExternalId` its trust policy requires; `nil` when it requires none.
        public var externalId: String?

        /// A role trusting `trustedAccountId` (default: the home account), with an external id if given.
        public init(name: String, trustedAccountId: String? = nil, externalId: String? = nil) {
            self.name = name
            self.trustedAccountId = trustedAccountId
            self.externalId = externalId
        }
    }

    enum CodingKeys: String, CodingKey { case id, name, email, status, inOrganization, macieMember, roles, macieOff }

    /// Reads an entry; absent members take the defaults the initializer gives them.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        status = try c.decodeIfPresent(String.self, forKey: .status) ?? "ACTIVE"
        inOrganization = try c.decodeIfPresent(Bool.self, forKey: .inOrganization) ?? false
        macieMember = try c.decodeIfPresent(String.self, forKey: .macieMember)
        roles = try c.decodeIfPresent([Role].self, forKey: .roles) ?? []
        macieOff = try c.decodeIfPresent([String].self, forKey: .macieOff) ?? []
    }

    /// Writes an entry, leaving out the members that hold their default.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(email, forKey: .email)
        try c.encode(status, forKey: .status)
        if inOrganization { try c.encode(true, forKey: .inOrganization) }
        try c.encodeIfPresent(macieMember, forKey: .macieMember)
        if !roles.isEmpty { try c.encode(roles, forKey: .roles) }
        if !macieOff.isEmpty { try c.encode(macieOff, forKey: .macieOff) }
    }
}

import AWSClient
import Foundation
import JobFetch
import Logging
import Macie2Client
import OrganizationsClient

/// The accounts a run walks besides the caller's: from `--accounts`, the organization
/// (`--org`) and the Macie administrator's members (`--macie-members`), each once, with the
/// first name any of them gives. Done before any report is touched: an organization that
/// cannot be listed is a fatal error (the report would silently miss accounts), not a gap.
struct AccountDiscovery {
    /// The caller's account id and name (when a source names it).
    var caller: (id: String, name: String?)
    /// The other accounts, by id.
    var others: [AccountList.Entry]

    static func discover(
        _ options: AccountOptions, client: AWSClient, region: String, logger: Logger
    ) async throws -> AccountDiscovery {
        let identity = try await STS(client: client, region: region).callerIdentity()
        var found: [AccountList.Entry] = []
        if let listed = try options.accountList() { found += listed.entries }
        if options.org {
            let accounts = try await OrganizationsClient(client: client, partitionOf: region).allAccounts()
            found += accounts.filter(\.isActive).map { AccountList.Entry(id: $0.id, name: $0.name) }
        }
        if options.macieMembers {
            let members = try await Macie2Client(client: client, region: region).members()
            found += members.filter { $0.relationshipStatus == .enabled }.compactMap(\.accountId).map { AccountList.Entry(id: $0) }
        }
        var names: [String: String] = [:]
        var ids = Set<String>()
        for entry in found {
            if names[entry.id] == nil, let name = entry.name, !name.isEmpty { names[entry.id] = name }
            ids.insert(entry.id)
        }
        let others = ids.filter { $0 != identity.account }.sorted().map { AccountList.Entry(id: $0, name: names[$0]) }
        logger.info("accounts to walk", metadata: ["others": "\(others.count)", "caller": "\(identity.account)"])
        return AccountDiscovery(caller: (identity.account, names[identity.account]), others: others)
    }
}

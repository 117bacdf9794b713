import Foundation
import JobFetch

/// The accounts the emulator plays, as `accounts.json` records them: who the home account is,
/// whether it manages an organization, which accounts are in it or are its Macie members, which
/// roles may be assumed where, and where Macie is off. Without a file there is one account, the
/// home, with Macie on everywhere and nothing to assume.
struct AccountDirectory {
    /// The account the base credentials belong to: the management account of the organization,
    /// if one is recorded, and the Macie administrator.
    let home: String
    /// The organization's id; `nil` when none is recorded (ListAccounts is then not in use).
    let organizationId: String?
    /// The recorded accounts, in file order.
    let accounts: [RecordedAccount]
    private let positions: [String: Int]
    private let macieOff: Set<Scope>

    /// `extraMacieOff` adds account-regions with Macie off to the file's (`--macie-off`).
    init(home: String, file: AccountsFile? = nil, extraMacieOff: [Scope] = []) {
        self.home = home
        organizationId = file?.organizationId
        accounts = file?.accounts ?? []
        positions = Dictionary(accounts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var off = Set(extraMacieOff.map { Scope(accountId: $0.accountId ?? home, region: $0.region) })
        for account in accounts {
            for region in account.macieOff { off.insert(Scope(accountId: account.id, region: region)) }
        }
        macieOff = off
    }

    /// The recorded account, or `nil` for one the file does not name.
    func account(_ id: String) -> RecordedAccount? { positions[id].map { accounts[$0] } }

    /// Whether Macie is off for `account` in `region`: every Macie2 operation there answers
    /// "Macie is not enabled".
    func isMacieOff(_ account: String, _ region: String) -> Bool {
        macieOff.contains(Scope(accountId: account, region: region))
    }

    /// Whether `account` belongs to the recorded organization (the home account always does).
    func isInOrganization(_ account: String) -> Bool {
        organizationId != nil && (account == home || self.account(account)?.inOrganization == true)
    }

    /// The organization's accounts as ListAccounts lists them: those the file puts in it, in file order.
    var organizationAccounts: [RecordedAccount] { organizationId == nil ? [] : accounts.filter(\.inOrganization) }

    /// The home account's Macie members, whatever their relationship status, in file order.
    var macieMembers: [RecordedAccount] { accounts.filter { $0.macieMember != nil && $0.id != home } }
}

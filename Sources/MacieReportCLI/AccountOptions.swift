import AWSClient
import ArgumentParser
import JobFetch

/// Which other accounts a live run walks, and how it gets into them (issue: the whole
/// organization). The calling account is always walked too, with its own credentials.
struct AccountOptions: ParsableArguments {
    @Option(
        name: .customLong("accounts"),
        help: ArgumentHelp(
            "Also walk these accounts: comma-separated ids, or @FILE with one id a line, optionally followed by a name.",
            valueName: "ID[,ID...]|@FILE"))
    var accounts: String?

    @Flag(
        name: .customLong("org"),
        help: "Also walk every ACTIVE account of the organization (Organizations ListAccounts; run from the management or a delegated administrator account).")
    var org = false

    @Flag(
        name: .customLong("macie-members"),
        help: "Also walk the Macie administrator's enabled member accounts (Macie ListMembers).")
    var macieMembers = false

    @Option(
        name: .customLong("role-name"),
        help: ArgumentHelp(
            "The role to assume in each other account: arn:PARTITION:iam::ACCOUNT:role/NAME, with the run's own credentials.",
            valueName: "NAME"))
    var roleName: String?

    @Option(
        name: .customLong("external-id"),
        help: ArgumentHelp("The external id the roles' trust policies expect (sts:ExternalId).", valueName: "ID"))
    var externalId: String?

    @Option(
        name: .customLong("role-session-name"),
        help: ArgumentHelp("The session name of the assumed roles, as CloudTrail shows it.", valueName: "NAME"))
    var roleSessionName = CrossAccountRole.defaultSessionName

    /// Whether other accounts are walked at all.
    var reachesOtherAccounts: Bool { accounts != nil || org || macieMembers }

    /// Whether any of these flags was given (they are for the live API only).
    var isUsed: Bool {
        reachesOtherAccounts || roleName != nil || externalId != nil || roleSessionName != CrossAccountRole.defaultSessionName
    }

    func validate() throws {
        if reachesOtherAccounts, roleName == nil {
            throw ValidationError("--accounts, --org and --macie-members reach other accounts through a role: give --role-name NAME")
        }
        if !reachesOtherAccounts, isUsed {
            throw ValidationError("--role-name, --external-id and --role-session-name are for other accounts: give --accounts, --org or --macie-members")
        }
        _ = try role()
        _ = try accountList()
    }

    /// The role to assume, checked against STS's patterns; `nil` without `--role-name`.
    func role() throws -> CrossAccountRole? {
        guard let roleName else { return nil }
        do {
            return try CrossAccountRole(name: roleName, externalId: externalId, sessionName: roleSessionName)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The accounts `--accounts` names; `nil` without it.
    func accountList() throws -> AccountList? {
        guard let accounts else { return nil }
        do {
            return try AccountList.parse(accounts)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

import Foundation

extension Macie2Service {
    /// A JSON 1.1 request for Organizations: signed for `organizations`, then who may ask, then
    /// ListAccounts itself. As at AWS, an account outside any organization is told the service
    /// is not in use (AWSOrganizationsNotInUseException), a member account that is not the
    /// management account is denied (AccessDeniedException), and the management account (the
    /// home account) gets the list. Only ListAccounts is served.
    func organizations(_ request: EmulatorRequest, delay: TimeInterval) -> EmulatorOutcome {
        let operation = OrganizationsOperations.operation(request) ?? ""
        guard operation == "ListAccounts" else {
            tally.requests["unknown", default: 0] += 1
            return .respond(
                OrganizationsOperations.error("UnknownOperationException", "Unknown operation \(operation)."), delay: delay)
        }
        tally.requests[operation, default: 0] += 1
        let caller: Caller
        switch authenticate(request, service: "organizations") {
        case .success(let authenticated): caller = authenticated.caller
        case .failure(let refusal):
            return .respond(
                OrganizationsOperations.error(refusal.type, refusal.message, status: refusal.response.status), delay: delay)
        }
        guard directory.isInOrganization(caller.accountId) else {
            tally.refusals["organizationsNotInUse", default: 0] += 1
            return .respond(
                OrganizationsOperations.error(
                    "AWSOrganizationsNotInUseException", "Your account is not a member of an organization."),
                delay: delay)
        }
        guard caller.accountId == directory.home else {
            tally.refusals["organizationsDenied", default: 0] += 1
            return .respond(
                OrganizationsOperations.error("AccessDeniedException", "You don't have permissions to access this resource."),
                delay: delay)
        }
        let response = OrganizationsOperations.listAccounts(request.body, directory: directory, serial: { nextSerial() })
        if response.status == 400 { tally.validationErrors += 1 }
        return .respond(response, delay: delay)
    }
}

import Foundation

extension Macie2Service {
    /// An STS query request: signed for `sts`, answered in XML. GetCallerIdentity names the
    /// caller; AssumeRole issues a role session (or refuses it: `--deny-assume-role`, then the
    /// role's trust). No random faults apply; latency does.
    func sts(_ request: EmulatorRequest, delay: TimeInterval) -> EmulatorOutcome {
        let parameters = STSOperations.parameters(request)
        let action = parameters["Action"]
        tally.requests[action ?? "unknown", default: 0] += 1
        let caller: Caller
        switch authenticate(request, service: "sts") {
        case .success(let authenticated): caller = authenticated.caller
        case .failure(let refusal): return .respond(STSOperations.refusal(refusal), delay: delay)
        }
        guard parameters["Version"] == STSOperations.version else {
            return .respond(
                STSOperations.error(
                    "InvalidAction", 400, "Could not find operation \(action ?? "") for version \(parameters["Version"] ?? "")"),
                delay: delay)
        }
        switch action {
        case "GetCallerIdentity":
            return .respond(STSOperations.callerIdentity(caller), delay: delay)
        case "AssumeRole":
            return .respond(assumeRole(parameters, caller: caller), delay: delay)
        default:
            return .respond(
                STSOperations.error(
                    "InvalidAction", 400, "Could not find operation \(action ?? "(none)") for version \(STSOperations.version)"),
                delay: delay)
        }
    }

    private func assumeRole(_ parameters: [String: String], caller: Caller) -> EmulatorResponse {
        let input: AssumeRoleOperation.Input
        switch AssumeRoleOperation.input(parameters) {
        case .success(let valid): input = valid
        case .failure(let refusal):
            tally.validationErrors += 1
            return refusal.response
        }
        if faults.options.deniedAssumeRoleAccounts.contains(input.accountId) {
            tally.faults["deniedAssumeRole", default: 0] += 1
            return AssumeRoleOperation.denied(input, caller: caller)
        }
        guard AssumeRoleOperation.isAllowed(input, caller: caller, directory: directory) else {
            tally.refusals["assumeRoleDenied", default: 0] += 1
            return AssumeRoleOperation.denied(input, caller: caller)
        }
        let lifetime = faults.options.sessionLifetime.map(TimeInterval.init) ?? TimeInterval(input.durationSeconds)
        let session = sessions.issue(
            partition: input.partition, accountId: input.accountId, roleName: input.roleName,
            sessionName: input.sessionName, expiration: now().addingTimeInterval(lifetime))
        if verifiers != nil {
            for service in Array(verifiers!.keys) {
                verifiers![service]!.credentials[session.credentials.accessKeyId] = session.credentials
            }
        }
        return AssumeRoleOperation.response(session)
    }
}

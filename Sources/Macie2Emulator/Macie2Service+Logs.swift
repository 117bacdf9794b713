import Foundation

extension Macie2Service {
    /// A JSON 1.1 request for CloudWatch Logs: signed for `logs`, then `--deny-logs`, then the
    /// scope's `--logs-rate` bucket, then the operation on the caller's account's log groups.
    /// Only FilterLogEvents is served; another
    /// target is an UnknownOperationException, as the service answers one it does not have.
    func logs(_ request: EmulatorRequest, delay: TimeInterval) -> EmulatorOutcome {
        let operation = LogsOperations.operation(request) ?? ""
        guard operation == "FilterLogEvents" else {
            tally.requests["unknown", default: 0] += 1
            return .respond(LogsOperations.error("UnknownOperationException", "Unknown operation \(operation)."), delay: delay)
        }
        tally.requests[operation, default: 0] += 1
        let region: String
        let caller: Caller
        switch authenticate(request, service: "logs") {
        case .success(let authenticated): (region, caller) = (authenticated.region, authenticated.caller)
        case .failure(let refusal):
            return .respond(LogsOperations.error(refusal.type, refusal.message, status: refusal.response.status), delay: delay)
        }
        let accountId = caller.accountId
        if faults.options.deniedLogsRegions.contains(region) {
            let message =
                "User: \(caller.arn) is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:\(region):\(accountId):log-group:/aws/macie/classificationjobs:log-stream: because no identity-based policy allows the logs:FilterLogEvents action"
            return fault("deniedLogs", LogsOperations.error("AccessDeniedException", message), delay)
        }
        if !faults.admitLogs(scope: "\(accountId)/\(region)", at: now()) {
            return fault("logsRateLimit", LogsOperations.error("ThrottlingException", "Rate exceeded"), delay)
        }
        let paging = LogsOperations.Paging(
            emptyPages: faults.options.logsEmptyPages, pageSize: max(1, faults.options.logsPageSize))
        let data: AccountDataset
        switch dataset(accountId) {
        case .success(let read): data = read
        case .failure(let unreadable):
            return .respond(LogsOperations.error("ServiceUnavailableException", unreadable.message, status: 500), delay: delay)
        }
        let response = LogsOperations.filterLogEvents(
            request.body, store: data.logStores[region], paging: paging, serial: { nextSerial() })
        if response.status == 400 { tally.validationErrors += 1 }
        if response.status == 200, Self.isEmptyPageWithToken(response.body) { tally.faults["logsEmptyPage", default: 0] += 1 }
        return .respond(response, delay: delay)
    }

    /// Whether a page is one of `--logs-empty-pages`' (no events, but a token).
    private static func isEmptyPageWithToken(_ body: [UInt8]) -> Bool {
        guard let page = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else { return false }
        return (page["events"] as? [Any])?.isEmpty == true && page["nextToken"] != nil
    }
}

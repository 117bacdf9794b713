import Foundation

extension Macie2Service {
    /// A JSON 1.1 request for CloudWatch Logs: signed for `logs`, then `--deny-logs`, then the
    /// scope's `--logs-rate` bucket, then the operation. Only FilterLogEvents is served; another
    /// target is an UnknownOperationException, as the service answers one it does not have.
    func logs(_ request: EmulatorRequest, delay: TimeInterval) -> EmulatorOutcome {
        let operation = LogsOperations.operation(request) ?? ""
        guard operation == "FilterLogEvents" else {
            tally.requests["unknown", default: 0] += 1
            return .respond(LogsOperations.error("UnknownOperationException", "Unknown operation \(operation)."), delay: delay)
        }
        tally.requests[operation, default: 0] += 1
        let region: String
        switch authenticate(request, service: "logs") {
        case .success(let verified): region = verified
        case .failure(let refusal):
            tally.signatureFailures += 1
            let type = refusal.response.headers.first { $0.name == "x-amzn-ErrorType" }?.value ?? "InvalidSignatureException"
            let message =
                ((try? JSONSerialization.jsonObject(with: Data(refusal.response.body))) as? [String: Any])?["message"] as? String
                ?? ""
            return .respond(LogsOperations.error(type, message, status: refusal.response.status), delay: delay)
        }
        if faults.options.deniedLogsRegions.contains(region) {
            let message =
                "User: arn:aws:iam::\(accountId):user/macie-report is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:\(region):\(accountId):log-group:/aws/macie/classificationjobs:log-stream: because no identity-based policy allows the logs:FilterLogEvents action"
            return fault("deniedLogs", LogsOperations.error("AccessDeniedException", message), delay)
        }
        if !faults.admitLogs(scope: "\(accountId)/\(region)", at: now()) {
            return fault("logsRateLimit", LogsOperations.error("ThrottlingException", "Rate exceeded"), delay)
        }
        let paging = LogsOperations.Paging(
            emptyPages: faults.options.logsEmptyPages, pageSize: max(1, faults.options.logsPageSize))
        let response = LogsOperations.filterLogEvents(
            request.body, store: logStores[region], paging: paging, serial: { nextSerial() })
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

import Foundation
import JobTransform
import Mustache

/// The `jobs` list of report.mustache: every job, made into a view only as Mustache reaches it.
///
/// A 100 000-job report would otherwise build 100 000 dictionaries of boxed values before
/// rendering the first row; this keeps only the records, and each row's values are computed
/// when the template asks for them.
struct JobRows: MustacheSequence {
    let records: [JobRecord]
    /// Account names by id (`ReportModel.accountNames`), shown under each job's account id.
    var accountNames: [String: String] = [:]

    func makeIterator() -> some IteratorProtocol<JobRow> {
        records.lazy.map { [accountNames] in JobRow(record: $0, accountNames: accountNames) }.makeIterator()
    }
}

/// One job as the template sees it: `{{name}}`, `{{jobStatus}}`, `{{isError}}` and so on.
struct JobRow: MustacheParent {
    let record: JobRecord
    var accountNames: [String: String] = [:]

    func child(named name: String) -> Any? {
        let r = record
        switch name {
        case "region": return r.region
        case "accountId": return r.accountId ?? ""
        case "accountName": return r.accountId.flatMap { accountNames[$0] } ?? ""
        case "hasAccountName": return r.accountId.flatMap { accountNames[$0] } != nil
        case "jobId": return r.jobId ?? ""
        case "name": return r.name ?? ""
        case "jobType": return r.jobType?.rawValue ?? ""
        case "jobStatus": return r.jobStatus?.rawValue ?? ""
        case "lastRunErrorStatus": return r.lastRunErrorStatus?.rawValue ?? ""
        case "isError": return r.lastRunErrorStatus == .error
        case "lastRunTime": return HTMLReportView.text(r.lastRunTime)
        case "createdAt": return HTMLReportView.text(r.createdAt)
        case "jobExpiresAt": return HTMLReportView.text(r.jobExpiresAt)
        case "jobPausedAt": return HTMLReportView.text(r.jobPausedAt)
        case "numberOfRuns": return r.numberOfRuns.map(CellValue.format) ?? ""
        case "schedule": return r.schedule ?? ""
        case "description": return r.description ?? ""
        case "jobArn": return r.jobArn ?? ""
        case "caveats": return r.caveats.joined(separator: "; ")
        case "consoleURL": return MacieConsole.jobURL(region: r.region, jobId: r.jobId)
        case "statusClass": return StatusPalette.cssClass(r.jobStatus)
        // Finding counts: empty when not known, never 0 (report.mustache shows them only when
        // the report's findingsRead is true).
        case "findings": return r.findings.map { String($0.total) } ?? ""
        case "findingsHigh": return r.findings.map { String($0.high) } ?? ""
        case "findingsMedium": return r.findings.map { String($0.medium) } ?? ""
        case "findingsLow": return r.findings.map { String($0.low) } ?? ""
        case "hasHighFindings": return (r.findings?.high ?? 0) > 0
        default: return nil
        }
    }
}

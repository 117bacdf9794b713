import AWSClient
import ArgumentParser
import MailDelivery

/// Every exit code of `macie-report`, decided here and nowhere else: users' cron lines and
/// monitors depend on them (the README's table).
enum ExitStatus: Int32 {
    /// Every report written (and recorded, and mailed, when asked).
    case done = 0
    /// Fatal, with one line saying what to fix; no report touched. Also: the reports were
    /// written but the run could not be recorded in the history.
    case fatal = 1
    /// An option or setting that cannot work, found before anything is fetched.
    case usage = 2
    /// The reports were written but a scope (account, region) or some jobs are missing.
    case incomplete = 3
    /// Complete, and `--fail-on` found what it watches for.
    case watched = 4
    /// The reports were written, but the email was not delivered.
    case notDelivered = 5

    /// Stopped by a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM).
    static func interrupted(by signal: Int32) -> Int32 { 128 + signal }

    /// The code for a run that ended with an error.
    static func of(_ error: Error) -> ExitStatus {
        switch error {
        case is ValidationError: return .usage
        case let error as AWSError where error.isUsageError: return .usage
        case let error as MailError where error.isUsageError: return .usage
        default: return .fatal
        }
    }

    /// The code for a run that wrote its reports: the first that applies of mail not
    /// delivered, history not recorded, incomplete, and what `--fail-on` watches for.
    static func afterReports(mailFailed: Bool, historyFailed: Bool, complete: Bool, watchedFound: Bool) -> ExitStatus {
        if mailFailed { return .notDelivered }
        if historyFailed { return .fatal }
        if !complete { return .incomplete }
        if watchedFound { return .watched }
        return .done
    }
}

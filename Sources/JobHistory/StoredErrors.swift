import Foundation
import JobTransform

/// A job's last-run errors as the history stores them: JSON text in `job_snapshot`'s
/// `lastRunErrorTypes`, readable with the sqlite3 shell (and `json_each`). A value that does
/// not parse is an error naming the run and job, never "no errors": that would report every
/// bucket of the job as no longer failing.
enum StoredErrors {
    private struct Stored: Codable {
        var type: String
        var level: String
        var events: Int
        var buckets: [String]
        var accounts: [String]
    }

    /// The column's text, or `nil` (SQL NULL) when the errors were not read.
    static func json(_ errors: RecordedErrors?) throws -> String? {
        guard let errors else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let stored = errors.types.map {
            Stored(type: $0.type, level: $0.level, events: $0.events, buckets: $0.buckets, accounts: $0.accounts)
        }
        return String(decoding: try encoder.encode(stored), as: UTF8.self)
    }

    static func errors(_ text: String?, stoppedAfter: Int?, run: Int64, jobId: String) throws -> RecordedErrors? {
        guard let text else { return nil }
        do {
            let types = try JSONDecoder().decode([Stored].self, from: Data(text.utf8)).map {
                RecordedErrors.TypeEntry(
                    type: $0.type, level: $0.level, events: $0.events, buckets: $0.buckets, accounts: $0.accounts)
            }
            return RecordedErrors(types: types, stoppedAfter: stoppedAfter)
        } catch {
            throw HistoryError.damaged(
                "run \(run) has last-run errors for job \(jobId.prefix(40)) that do not parse (\(text.prefix(60)))")
        }
    }
}

import FileInput
import Foundation
import JobLogModel

/// `DIR/[<account>/]logs/<region>.json` in a samples folder: the log events a recorded walk
/// read for the scope's jobs, as FilterLogEvents returned them, so a replay explains each
/// failure exactly as the live run did and the emulator can serve the same events.
///
/// ```json
/// [{"jobId": "3f9a…", "events": [{"logStreamName": "3f9a…", "timestamp": 1733200000000,
///                                   "message": "{\"eventType\":\"BUCKET_ACCESS_DENIED\",…}", …}]},
///  {"jobId": "7c21…", "events": […], "stoppedAfter": 2000},
///  {"jobId": "9d04…", "unavailable": true}]
/// ```
///
/// A scope with such a file had its log events looked up: a job that wants them but has no
/// entry had none. A scope without one was recorded without them (`--no-job-logs`, or
/// samples from before job logs), and its jobs carry no reasons.
public struct JobLogsFile: Codable, Sendable, Equatable {
    /// The folder, beside the region files of a scope, that holds its log files.
    public static let folderName = "logs"

    public var jobId: String
    public var events: [FilteredLogEvent]?
    public var stoppedAfter: Int?
    public var unavailable: Bool?

    public init(jobId: String, logs: JobLogs) {
        self.jobId = jobId
        events = logs.wasRead ? logs.events : nil
        stoppedAfter = logs.stoppedAfter
        unavailable = logs.wasRead ? nil : true
    }

    /// The entry as the source hands it on.
    public var logs: JobLogs {
        unavailable == true ? .unavailable : JobLogs(events: events ?? [], stoppedAfter: stoppedAfter)
    }

    /// Reads one scope's log file: each job's events by job id (a job given twice keeps its last entry).
    public static func read(_ url: URL) throws -> [String: JobLogs] {
        let data: Data
        do {
            data = try UserFile.read(url.path, what: "samples log events file", limit: 1 << 30)
        } catch {
            throw SourceError(error.description, cause: error)
        }
        do {
            let entries = try JSONDecoder().decode([JobLogsFile].self, from: data)
            return Dictionary(entries.map { ($0.jobId, $0.logs) }, uniquingKeysWith: { $1 })
        } catch let error as DecodingError {
            throw SourceError(
                "samples log events file \(url.path) is not a list of {jobId, events}: \(SamplesManifest.describe(error))")
        }
    }

    /// The file's bytes: one entry per line, so a recording stays readable and diffable.
    public static func encode(_ entries: [JobLogsFile]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data("[".utf8)
        for (index, entry) in entries.enumerated() {
            data.append(contentsOf: Array((index == 0 ? "\n" : ",\n").utf8))
            data.append(try encoder.encode(entry))
        }
        data.append(contentsOf: Array((entries.isEmpty ? "]\n" : "\n]\n").utf8))
        return data
    }
}

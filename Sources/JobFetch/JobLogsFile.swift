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

    /// Reads one scope's log file whole: each job's events by job id (a job given twice keeps
    /// its last entry). For the emulator, which serves them all; a replay reads an
    /// ``Index`` instead.
    public static func read(_ url: URL) throws -> [String: JobLogs] {
        let index = try Index(url)
        return try index.jobIds.reduce(into: [:]) { all, id in all[id] = try index.logs(for: id) }
    }

    /// One scope's log file with each job's entry found but not yet decoded: a replay takes
    /// the entries of a batch's jobs as it goes, so the events of 10 000 failed jobs are never
    /// all decoded at once (the file's bytes are held, a fraction of their decoded size).
    public struct Index: Sendable {
        let url: URL
        let data: Data
        /// Each job's entry in `data` (the last one for a job given twice).
        let entries: [String: Range<Int>]

        /// Reads the file and finds each entry's job id; a file that is not a list of
        /// `{jobId, events}` is refused, naming the entry.
        public init(_ url: URL) throws {
            self.url = url
            do {
                data = try UserFile.read(url.path, what: "samples log events file", limit: 1 << 30)
            } catch {
                throw SourceError(error.description, cause: error)
            }
            let ranges: [Range<Int>]
            do {
                ranges = try data.withUnsafeBytes { raw in try JSONArrayElements.ranges(in: raw.bindMemory(to: UInt8.self)) }
            } catch {
                throw SourceError("samples log events file \(url.path) is not a JSON list of {jobId, events}")
            }
            struct Key: Decodable { var jobId: String }
            let decoder = JSONDecoder()
            var entries: [String: Range<Int>] = [:]
            for (n, range) in ranges.enumerated() {
                do {
                    entries[try decoder.decode(Key.self, from: data[range]).jobId] = range
                } catch let error as DecodingError {
                    throw SourceError(
                        "samples log events file \(url.path), entry [\(n)]: \(SamplesManifest.describe(error))")
                }
            }
            self.entries = entries
        }

        /// The job ids with an entry.
        public var jobIds: Dictionary<String, Range<Int>>.Keys { entries.keys }

        /// The job's recorded events, or `nil` when it has no entry.
        public func logs(for jobId: String) throws -> JobLogs? {
            guard let range = entries[jobId] else { return nil }
            do {
                return try JSONDecoder().decode(JobLogsFile.self, from: data[range]).logs
            } catch let error as DecodingError {
                throw SourceError(
                    "samples log events file \(url.path), job \(jobId): \(SamplesManifest.describe(error))")
            }
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

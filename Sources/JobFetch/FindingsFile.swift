import FileInput
import Foundation

/// `DIR/[<account>/]findings/<region>.json` in a samples folder: the scope's findings, reduced to
/// what GetFindingStatistics can count, so the emulator can answer any supported query
/// (grouped by job or by severity, filtered on job, severity and `archived`) from them.
///
/// ```json
/// [{"jobId": "3f9a…", "severity": "High", "archived": false, "count": 12},
///  {"jobId": "3f9a…", "severity": "Low", "archived": true, "count": 3}]
/// ```
///
/// One entry per (job, severity, archived) group; a group given twice counts twice, and a job
/// without entries has no findings. `severity` is kept verbatim (`High`, `Medium` or `Low` at
/// Macie), so a value AWS adds is still served. Members the reader does not know are ignored,
/// so a recording may carry more detail later. The emulator serves it; a samples run reads each
/// job's counts from it (``FindingCounts/perJob(_:includeArchived:)``).
public struct FindingCount: Codable, Hashable, Sendable {
    /// The classification job that produced the findings (`classificationDetails.jobId`).
    public var jobId: String
    /// `severity.description`: `High`, `Medium` or `Low`.
    public var severity: String
    /// Whether the findings were archived (suppressed); the API counts both unless asked.
    public var archived: Bool
    /// How many findings the group holds; never negative.
    public var count: Int64

    /// A group of `count` findings.
    public init(jobId: String, severity: String, archived: Bool = false, count: Int64) {
        self.jobId = jobId
        self.severity = severity
        self.archived = archived
        self.count = count
    }
}

/// Reads a findings file (see ``FindingCount`` for the format).
public enum FindingsFile {
    /// The folder, beside the region files of a scope, that holds its findings files.
    public static let folderName = "findings"

    /// The file's groups in file order. Fatal (a ``SourceError`` naming the file and the entry)
    /// when it is not a JSON list of such groups or a count is negative: an emulator serving
    /// half a file would answer with counts no recording had.
    public static func read(_ url: URL) throws -> [FindingCount] {
        let data: Data
        do {
            data = try UserFile.read(url.path, what: "samples findings file", limit: 1 << 28)
        } catch {
            throw SourceError(error.description, cause: error)
        }
        let groups: [FindingCount]
        do {
            groups = try JSONDecoder().decode([FindingCount].self, from: data)
        } catch let error as DecodingError {
            throw SourceError(
                "samples findings file \(url.path) is not a JSON list of {jobId, severity, archived, count}: \(SamplesManifest.describe(error))",
                cause: error)
        }
        if let n = groups.firstIndex(where: { $0.count < 0 }) {
            throw SourceError("samples findings file \(url.path), entry [\(n)]: count \(groups[n].count) is negative")
        }
        return groups
    }
}

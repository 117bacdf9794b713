import Foundation
import JobLogModel
import Macie2Model

/// Jobs recorded from the API: `DIR/<region>.json` or `DIR/<account>/<region>.json`, each a
/// JSON array of DescribeClassificationJob response bodies exactly as the API returns them,
/// and, for a recorded walk, `DIR/scopes.json` with its gaps and caveats (see
/// ``SamplesLayout`` and ``SamplesManifest``).
///
/// The offline default: it lets the whole report run with no AWS account, and it is the
/// format the emulator serves and `--save-samples` writes, so the two paths can be compared
/// byte for byte. Files are read on demand and decoded a batch at a time on every core, so a
/// 100 000-job estate never holds more than one batch of full responses in memory.
public struct SamplesJobSource: JobSource {
    /// The samples folder.
    public let directory: URL
    /// Jobs per batch: large enough to keep both cores busy, small enough to bound memory.
    public var batchSize: Int
    /// Whether recorded log events are handed on (off for `--no-job-logs`).
    public var readsJobLogs: Bool
    /// How recorded finding counts are handed on; `nil` hands none on (`--no-findings`).
    public var findings: FindingsReading?

    /// Reads nothing yet: a missing or bad folder ends the stream of ``batches()`` instead. `batchSize`
    /// below 1 is raised to 1.
    public init(
        directory: URL, batchSize: Int = 2048, readsJobLogs: Bool = true, findings: FindingsReading? = FindingsReading()
    ) {
        self.directory = directory
        self.batchSize = max(1, batchSize)
        self.readsJobLogs = readsJobLogs
        self.findings = findings
    }

    /// Which recorded findings count.
    public struct FindingsReading: Sendable, Hashable {
        /// Count archived (suppressed) findings too (`--include-archived-findings`); the
        /// console and the default leave them out.
        public var includeArchived: Bool
        public init(includeArchived: Bool = false) { self.includeArchived = includeArchived }
    }

    /// The scope files in scope order, at most ``batchSize`` jobs a batch, then a gap-only batch for each
    /// scope the manifest names without a file. Ends with a ``SourceError`` for samples that cannot be read.
    public func batches() -> AsyncThrowingStream<ScopeBatch, Error> {
        let reader = SamplesReader(directory: directory, batchSize: batchSize, readsJobLogs: readsJobLogs, findings: findings)
        return AsyncThrowingStream { try await reader.next() }
    }

    /// Every scope's jobs with their recorded bytes, all at once: what the emulator serves.
    public static func recordedJobsByScope(in directory: URL) throws -> [Scope: [RecordedJob]] {
        var scopes: [Scope: [RecordedJob]] = [:]
        for file in try SamplesLayout.read(directory).files {
            let sample = try SampleFile(file.url, scope: file.scope)
            scopes[file.scope, default: []] += try sample.recordedJobs()
        }
        return scopes
    }

    /// Every scope's recorded log events by job id, for scopes recorded with them: what the emulator serves.
    public static func recordedLogsByScope(in directory: URL) throws -> [Scope: [String: JobLogs]] {
        let layout = try SamplesLayout.read(directory)
        var scopes: [Scope: [String: JobLogs]] = [:]
        for scope in layout.logFiles.keys { scopes[scope] = try layout.logs(scope) }
        return scopes
    }

    /// Every scope's finding counts, for scopes with a findings file: what the emulator's
    /// GetFindingStatistics serves.
    public static func recordedFindingsByScope(in directory: URL) throws -> [Scope: [FindingCount]] {
        let layout = try SamplesLayout.read(directory)
        var scopes: [Scope: [FindingCount]] = [:]
        for scope in layout.findingFiles.keys { scopes[scope] = try layout.findings(scope) }
        return scopes
    }

    /// Every region's jobs with their recorded bytes, whatever their account.
    public static func recordedJobs(in directory: URL) throws -> [String: [RecordedJob]] {
        var regions: [String: [RecordedJob]] = [:]
        for (scope, jobs) in try recordedJobsByScope(in: directory).sorted(by: { $0.key < $1.key }) {
            regions[scope.region, default: []] += jobs
        }
        return regions
    }
}

/// Walks the files one batch at a time, in order, on demand, then the scopes a recording
/// names without a file.
actor SamplesReader {
    private let directory: URL
    private let batchSize: Int
    private var layout: SamplesLayout?
    private var pending: [SamplesLayout.File] = []
    private var fileless: [SamplesManifest.Entry] = []
    private let readsJobLogs: Bool
    private var current: SampleFile?
    private var currentLogs: JobLogsFile.Index?
    private let findings: SamplesJobSource.FindingsReading?
    private var currentFindings: [String: FindingCounts]?
    private var notes: [SourceDiagnostic] = []

    init(directory: URL, batchSize: Int, readsJobLogs: Bool, findings: SamplesJobSource.FindingsReading?) {
        self.directory = directory
        self.batchSize = batchSize
        self.readsJobLogs = readsJobLogs
        self.findings = findings
    }

    func next() throws -> ScopeBatch? {
        if layout == nil {
            let read = try SamplesLayout.read(directory)
            layout = read
            pending = read.files
            fileless = read.scopesWithoutFiles
            notes = read.diagnostics
        }
        while true {
            if current == nil {
                guard let file = pending.first else { break }
                pending.removeFirst()
                current = try SampleFile(file.url, scope: file.scope)
                currentLogs = readsJobLogs ? try layout?.logsIndex(file.scope) : nil
                currentFindings = try findings.flatMap { reading in
                    try layout?.findings(file.scope).map { FindingCounts.perJob($0, includeArchived: reading.includeArchived) }
                }
            }
            let recorded = current.flatMap { layout?.recorded($0.scope) }
            let findingsGap = findings == nil ? nil : current.flatMap { recorded?.findingsGap($0.scope) }
            if var batch = try current?.nextBatch(
                size: batchSize, recorded: recorded, logs: currentLogs, findings: currentFindings, findingsGap: findingsGap)
            {
                batch.diagnostics = notes + batch.diagnostics
                notes = []
                return batch
            }
            current = nil
        }
        guard let entry = fileless.first else { return nil }
        fileless.removeFirst()
        defer { notes = [] }
        var batch = ScopeBatch(
            scope: entry.scope, jobs: [], gap: entry.gap(entry.scope), logsGap: readsJobLogs ? entry.logsGap(entry.scope) : nil,
            findingsGap: findings != nil ? entry.findingsGap(entry.scope) : nil, diagnostics: notes)
        batch.state = entry.scopeState
        batch.accountName = entry.accountName
        return batch
    }
}

/// A job as recorded: the decoded response and the exact JSON text it came from.
public struct RecordedJob: Sendable {
    /// The decoded DescribeClassificationJob response.
    public var job: DescribeClassificationJobResponse
    /// The job's JSON text exactly as in the file, so the emulator serves the recorded bytes, members the
    /// model does not know included.
    public var body: Data
}

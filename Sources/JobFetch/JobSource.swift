import Macie2Model

/// Where classification jobs come from: recorded samples (`SamplesJobSource`, `--samples`) or
/// the live Macie2 API (`LiveJobSource` in Macie2Client).
///
/// A source hands jobs over one region at a time, so the pipeline can turn them into compact
/// records as they arrive and memory follows the largest region, not the whole estate.
public protocol JobSource: Sendable {
    /// Every region's jobs, one batch per region. The stream ends with an error only for a
    /// fatal problem (unreadable samples, no credentials); a region that fails on its own
    /// arrives as a batch with a ``RegionBatch/gap``.
    func batches() -> AsyncThrowingStream<RegionBatch, Error>
}

/// The jobs of one region, as the source found them.
public struct RegionBatch: Sendable {
    /// The AWS region, for example `us-east-1`.
    public var region: String
    /// Every job found in the region, in the source's order.
    public var jobs: [SourcedJob]
    /// Set when the region could not be read completely; its jobs are then a partial list.
    public var gap: RegionGap?
    /// Things worth telling the reader that did not stop the run.
    public var diagnostics: [SourceDiagnostic]

    public init(region: String, jobs: [SourcedJob], gap: RegionGap? = nil, diagnostics: [SourceDiagnostic] = []) {
        self.region = region
        self.jobs = jobs
        self.gap = gap
        self.diagnostics = diagnostics
    }
}

/// One job and what the source knows about how complete it is.
public struct SourcedJob: Sendable {
    /// The job as DescribeClassificationJob returns it (or as much as the list gave).
    public var job: DescribeClassificationJobResponse
    /// Caveats the report must show next to the job.
    public var caveats: [String]

    public init(job: DescribeClassificationJobResponse, caveats: [String] = []) {
        self.job = job
        self.caveats = caveats
    }
}

/// Why a region's list of jobs is missing or incomplete.
public struct RegionGap: Sendable, Hashable {
    /// The region that could not be read.
    public var region: String
    /// One line a reader can act on, for example "access denied: check macie2:ListClassificationJobs".
    public var reason: String
    /// The region's list of jobs is complete and only some jobs could not be described (they
    /// are shown from their list entries). A run comparison can then still tell new and
    /// removed jobs apart there; when `false`, jobs may be missing from the list itself.
    public var listIsComplete: Bool

    public init(region: String, reason: String, listIsComplete: Bool = false) {
        self.region = region
        self.reason = reason
        self.listIsComplete = listIsComplete
    }
}

extension RegionGap {
    /// The regions among `regions` whose job list was read completely: those without a gap,
    /// or whose gap is only in describing jobs. Only there can a job be told to be missing.
    public static func listedCompletely(_ regions: some Sequence<String>, gaps: [RegionGap]) -> Set<String> {
        Set(regions).subtracting(gaps.filter { !$0.listIsComplete }.map(\.region))
    }
}

/// A problem the source noticed but could carry on from, such as a malformed job ARN.
public struct SourceDiagnostic: Sendable, Hashable {
    public var region: String?
    public var jobId: String?
    public var message: String

    public init(region: String? = nil, jobId: String? = nil, message: String) {
        self.region = region
        self.jobId = jobId
        self.message = message
    }
}

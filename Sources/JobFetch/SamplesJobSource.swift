import FileInput
import Foundation
import Macie2Model

/// Jobs recorded from the API: `DIR/<region>.json`, each a JSON array of
/// DescribeClassificationJob response bodies exactly as the API returns them.
///
/// The offline default: it lets the whole report run with no AWS account, and it is the
/// format the emulator serves, so the two paths can be compared byte for byte. Files are read
/// on demand and decoded a batch at a time on every core, so a 100 000-job estate never
/// holds more than one batch of full responses in memory.
public struct SamplesJobSource: JobSource {
    /// The folder holding `<region>.json` files.
    public let directory: URL
    /// Jobs per batch: large enough to keep both cores busy, small enough to bound memory.
    public var batchSize: Int

    public init(directory: URL, batchSize: Int = 2048) {
        self.directory = directory
        self.batchSize = max(1, batchSize)
    }

    public func batches() -> AsyncThrowingStream<RegionBatch, Error> {
        let reader = SamplesReader(directory: directory, batchSize: batchSize)
        return AsyncThrowingStream { try await reader.next() }
    }

    /// Every region's jobs with their recorded bytes, all at once: what the emulator serves.
    public static func recordedJobs(in directory: URL) throws -> [String: [RecordedJob]] {
        var regions: [String: [RecordedJob]] = [:]
        for file in try regionFiles(in: directory) {
            let sample = try SampleFile(file)
            regions[sample.region, default: []] += try sample.recordedJobs()
        }
        return regions
    }

    /// The `*.json` files of the folder, by region name. Fatal if there are none: a nightly
    /// report of zero jobs from a mistyped path would look like good news.
    static func regionFiles(in directory: URL) throws -> [URL] {
        let kind: FileKind
        do {
            kind = try FileKind.of(directory.path, what: "samples directory")
        } catch {
            throw SourceError(error.description)
        }
        guard kind == .directory else {
            throw SourceError(
                "samples path \(directory.path) is not a directory\(kind == .regular ? "" : " (it is \(kind.noun))")")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw SourceError("cannot list samples directory \(directory.path): \(error.localizedDescription)")
        }
        let files = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
        guard !files.isEmpty else {
            throw SourceError("no <region>.json files in samples directory \(directory.path)")
        }
        return files.map { directory.appendingPathComponent($0) }
    }
}

/// Walks the files one batch at a time, in order, on demand.
actor SamplesReader {
    private let directory: URL
    private let batchSize: Int
    private var files: [URL]?
    private var current: SampleFile?

    init(directory: URL, batchSize: Int) {
        self.directory = directory
        self.batchSize = batchSize
    }

    func next() throws -> RegionBatch? {
        if files == nil { files = try SamplesJobSource.regionFiles(in: directory) }
        while true {
            if current == nil {
                guard let file = files?.first else { return nil }
                files?.removeFirst()
                current = try SampleFile(file)
            }
            if let batch = try current?.nextBatch(size: batchSize) { return batch }
            current = nil
        }
    }
}

/// A job as recorded: the decoded response and the exact JSON text it came from.
public struct RecordedJob: Sendable {
    public var job: DescribeClassificationJobResponse
    public var body: Data
}

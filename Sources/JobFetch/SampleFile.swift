import FileInput
import Foundation
import JobLogModel
import Macie2Model

/// One `<region>.json` being read: its bytes, where each job sits in them, and how far the
/// reader has got. Any problem is fatal and names the file and the place in it.
struct SampleFile {
    let url: URL
    let scope: Scope
    var region: String { scope.region }
    private let data: Data
    private let elements: [Range<Int>]
    private var position = 0
    private var started = false
    private var diagnostics: [SourceDiagnostic] = []

    /// Far above a 100 000-job estate (166 MB): a file past it is not a samples file.
    static let sizeLimit = 4 << 30

    init(_ url: URL, scope: Scope) throws {
        self.url = url
        self.scope = scope
        do {
            data = try UserFile.read(url.path, what: "samples file", limit: Self.sizeLimit)
        } catch {
            throw SourceError(error.description)
        }
        do {
            elements = try data.withUnsafeBytes { raw in
                try JSONArrayElements.ranges(in: raw.bindMemory(to: UInt8.self))
            }
        } catch JSONArrayElements.Failure.notAnArray {
            throw SourceError(
                "samples file \(url.path): expected a JSON array of DescribeClassificationJob responses at the top level")
        } catch {
            throw SourceError("samples file \(url.path): \(SampleErrorDescription.syntax(in: data))")
        }
        if !RegionName.looksValid(region) {
            diagnostics.append(
                .init(
                    region: region,
                    message:
                        "samples file \(url.lastPathComponent) is not named like an AWS region (us-east-1.json); using \"\(region)\" as the region"
                ))
        }
    }

    /// The next batch, or `nil` when the file is done. The first batch is returned even for
    /// an empty file, so a scope with no jobs still appears in the report; it carries the
    /// scope's recorded gap. `recorded` holds what a recording kept besides the jobs.
    /// `logs` holds the scope's recorded log events by job id (`nil`: recorded without them);
    /// a job that wants them and has no entry had none. `findings` holds the scope's counts by
    /// job id (`nil`: not read); a job without an entry found nothing. With `findingsGap`
    /// every job's counts are unknown, and the gap goes on the first batch.
    mutating func nextBatch(
        size: Int, recorded: SamplesManifest.Entry? = nil, logs: JobLogsFile.Index? = nil,
        findings: [String: FindingCounts]? = nil, findingsGap: ScopeGap? = nil
    ) throws -> ScopeBatch? {
        if started && position >= elements.count { return nil }
        let isFirst = !started
        started = true
        let slice = position..<min(position + size, elements.count)
        position = slice.upperBound
        let jobs = try decode(slice)
        let counts = findingsGap == nil ? findings : nil
        let sourced = try zip(slice, jobs).map { index, job in
            var sourced = SourcedJob(job: job, caveats: recorded?.caveats[index] ?? [])
            if let logs {
                sourced.logs = try job.jobId.flatMap { try logs.logs(for: $0) } ?? (sourced.wantsLogs ? JobLogs(events: []) : nil)
            }
            if let counts { sourced.findings = job.jobId.flatMap { counts[$0] } ?? .zero }
            return sourced
        }
        var batch = ScopeBatch(
            scope: scope, jobs: sourced, gap: isFirst ? recorded?.gap(scope) : nil,
            logsGap: isFirst && logs != nil ? recorded?.logsGap(scope) : nil, findingsGap: isFirst ? findingsGap : nil,
            diagnostics: isFirst ? diagnostics : [])
        batch.state = isFirst ? recorded?.scopeState : nil
        batch.accountName = recorded?.accountName
        return batch
    }

    /// Every job with the exact bytes it was recorded as, for a server that must answer with
    /// the body the API returned (members this model does not know included).
    func recordedJobs() throws -> [RecordedJob] {
        let jobs = try decode(0..<elements.count)
        return zip(jobs, elements).map { RecordedJob(job: $0, body: data[$1]) }
    }

    /// Decodes the jobs in `slice`, split across the cores, each worker with its own decoder.
    private func decode(_ slice: Range<Int>) throws -> [DescribeClassificationJobResponse] {
        let workers = slice.count >= 256 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) : 1
        let parts = (0..<workers).map { w in
            (slice.lowerBound + slice.count * w / workers)..<(slice.lowerBound + slice.count * (w + 1) / workers)
        }
        let results = ResultSlots<[DescribeClassificationJobResponse]>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let decoder = Macie2JSON.decoder()
            // One decode call per worker over its contiguous run of jobs is much cheaper than a
            // call per job; only when it fails are the jobs decoded one by one to find the culprit.
            if let jobs = try? decoder.decode([DescribeClassificationJobResponse].self, from: arrayData(parts[w])) {
                results.set(w, .success(jobs))
                return
            }
            for index in parts[w] {
                do {
                    _ = try decoder.decode(DescribeClassificationJobResponse.self, from: data[elements[index]])
                } catch {
                    results.set(w, .failure(describe(error, index: index)))
                    return
                }
            }
            results.set(
                w,
                .failure(
                    SourceError(
                        "samples file \(url.path): jobs \(parts[w].lowerBound)-\(parts[w].upperBound - 1) do not decode together")
                ))
        }
        return try results.values().flatMap { $0 }
    }

    /// The bytes of jobs `part` as one JSON array: `[`, their text from the file, `]`.
    private func arrayData(_ part: Range<Int>) -> Data {
        guard let first = part.first, let last = part.last else { return Data("[]".utf8) }
        var array = Data(capacity: elements[last].upperBound - elements[first].lowerBound + 2)
        array.append(UInt8(ascii: "["))
        array.append(data[elements[first].lowerBound..<elements[last].upperBound])
        array.append(UInt8(ascii: "]"))
        return array
    }

    private func describe(_ error: Error, index: Int) -> SourceError {
        guard let error = error as? DecodingError else { return SourceError("samples file \(url.path): \(error)") }
        let text = SampleErrorDescription.describe(error, index: index, element: data[elements[index]], file: data)
        return SourceError("samples file \(url.path): \(text)")
    }
}

/// Per-worker results, written by one worker each and read after all have finished.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, SourceError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, SourceError>) {
        lock.withLock { slots[index] = result }
    }

    /// Every worker's value in order, or the first worker's error.
    func values() throws -> [Value] {
        try lock.withLock { try slots.map { try $0!.get() } }
    }
}

/// Checks region names, so a stray `notes.json` is called out rather than reported as a region.
enum RegionName {
    static func looksValid(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isNumber) else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLowercase && $0.isASCII } }
    }
}

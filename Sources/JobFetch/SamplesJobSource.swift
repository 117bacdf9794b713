import Foundation
import Macie2Model

/// Jobs recorded from the API: `DIR/<region>.json`, each a JSON array of
/// DescribeClassificationJob response bodies exactly as the API returns them.
///
/// The offline default: it lets the whole report run with no AWS account, and it is the
/// format the emulator serves, so the two paths can be compared byte for byte.
public struct SamplesJobSource: JobSource {
    /// The folder holding `<region>.json` files.
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public func batches() -> AsyncThrowingStream<RegionBatch, Error> {
        let directory = directory
        return AsyncThrowingStream { continuation in
            do {
                for file in try Self.regionFiles(in: directory) {
                    continuation.yield(try Self.read(file))
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
    }

    /// The `*.json` files of the folder, by region name. Fatal if there are none: a nightly
    /// report of zero jobs from a mistyped path would look like good news.
    static func regionFiles(in directory: URL) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw SourceError("samples directory \(directory.path) does not exist")
        }
        guard isDirectory.boolValue else { throw SourceError("samples path \(directory.path) is not a directory") }
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

    /// Reads one region's file; any problem is fatal and names the file and the place in it.
    static func read(_ file: URL) throws -> RegionBatch {
        let region = file.deletingPathExtension().lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw SourceError("cannot read samples file \(file.path): \(error.localizedDescription)")
        }
        let jobs: [DescribeClassificationJobResponse]
        do {
            jobs = try Macie2JSON.decoder().decode([DescribeClassificationJobResponse].self, from: data)
        } catch let error as DecodingError {
            throw SourceError("samples file \(file.path): \(SampleErrorDescription.describe(error, in: data))")
        }
        var diagnostics: [SourceDiagnostic] = []
        if !RegionName.looksValid(region) {
            diagnostics.append(.init(region: region, message: "samples file \(file.lastPathComponent) is not named like an AWS region (us-east-1.json); using \"\(region)\" as the region"))
        }
        return RegionBatch(region: region, jobs: jobs.map { SourcedJob(job: $0) }, diagnostics: diagnostics)
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

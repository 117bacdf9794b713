import ArgumentParser
import Foundation
import ReportPipeline

/// The files a run writes (its reports in the output directory, the history), so that
/// options that name other files to write can be checked against them before any work.
///
/// `--eml OUT/report.html` would replace the report just written with the message about it;
/// `--output-dir ""` would write into whatever the current directory happens to be. Paths
/// are compared after `..` and symbolic links are resolved, so `--eml link/../OUT/report.html`
/// is caught too.
struct RunFiles {
    var outputDirectory: String
    var reports: [OutputFormat]
    var history: String?

    /// Throws a usage error if the output directory is empty or `eml` is one of the run's files.
    func check(eml: String?) throws {
        guard !outputDirectory.isEmpty else {
            throw ValidationError(
                "--output-dir is empty; give the directory to write the reports to (--output-dir . for the current one)")
        }
        guard let eml else { return }
        let target = Self.resolved(eml)
        let directory = URL(fileURLWithPath: outputDirectory)
        if target == Self.resolved(directory.path) {
            throw ValidationError("--eml \(eml) is the output directory \(outputDirectory); give a file outside it")
        }
        // changes.csv is written only with a history, but a name reserved for a report is never the .eml's.
        for name in reports.flatMap(\.fileNames) + ["changes.csv"] {
            let report = directory.appendingPathComponent(name).path
            if target == Self.resolved(report) {
                throw ValidationError(
                    "--eml \(eml) is \(report), one of this run's reports, and would overwrite it; write the message to another file"
                )
            }
        }
        if let history, target == Self.resolved(history) {
            throw ValidationError(
                "--eml \(eml) is the --history file \(history), and would overwrite it; write the message to another file")
        }
    }

    /// `path` made absolute, with symbolic links resolved as far as the path exists and `.`
    /// and `..` removed from the rest (a folder that does not exist yet cannot be a link).
    static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let components = absolute.split(separator: "/").map(String.init)
        for count in stride(from: components.count, through: 0, by: -1) {
            guard let real = realpath("/" + components[..<count].joined(separator: "/"), nil) else { continue }
            var parts = String(cString: real).split(separator: "/").map(String.init)
            free(real)
            for component in components[count...] {
                if component == ".." {
                    _ = parts.popLast()
                } else if component != "." {
                    parts.append(component)
                }
            }
            return "/" + parts.joined(separator: "/")
        }
        return absolute
    }
}

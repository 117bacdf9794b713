import Foundation
import JobTransform

/// One output format. Each renderer writes exactly one file; the caller decides where, so
/// that every file can be written to a temporary name first and renamed only when all are done.
public protocol ReportRenderer: Sendable {
    /// The file's name in the output directory, for example `jobs.csv` (a public contract).
    var fileName: String { get }
    /// Writes the whole file at `url`. Throws ``RenderError`` on any failure; the caller
    /// removes the partial file.
    func write(_ report: ReportModel, to url: URL) throws
}

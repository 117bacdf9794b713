import Foundation
import StandardErrorOutput

/// Per-stage wall times on stderr when `MACIE_REPORT_TIMINGS=1`, for the benchmark script;
/// silent otherwise.
struct PhaseClock {
    private static let enabled = ProcessInfo.processInfo.environment["MACIE_REPORT_TIMINGS"] == "1"
    private var last = DispatchTime.now()

    /// The time since the previous lap (or since the clock started).
    mutating func lap(_ phase: String) {
        Self.report(phase, since: last)
        last = DispatchTime.now()
    }

    /// Resident memory now, from /proc (Linux); 0 where it cannot be read.
    static func residentMegabytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// The time since `start`, for work timed on its own thread.
    static func report(_ phase: String, since start: DispatchTime) {
        guard enabled else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        StandardErrorWriter.shared.write(
            "timing: \(phase) \(String(format: "%.3f", seconds)) s, rss \(residentMegabytes()) MB\n")
    }
}

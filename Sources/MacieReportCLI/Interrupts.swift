import Dispatch
import Foundation
import ReportPipeline

/// SIGTERM and SIGINT (a stopped service, Ctrl-C) remove the run's temporary files and exit
/// 128 + the signal: the previous reports stay exactly as they were.
enum Interrupts {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                TemporaryFiles.removeAll()
                Console.error(
                    TemporaryFiles.haveReplacedReports
                        ? "stopped by \(name) after the reports were written; the run is not in the history, so the next run compares with the one before"
                        : "stopped by \(name); the reports in the output directory are the previous run's, unchanged")
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}

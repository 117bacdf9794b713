import Dispatch
import Foundation
import ReportPipeline

/// SIGTERM and SIGINT (a stopped service, Ctrl-C) remove the run's temporary files and exit
/// 128 + the signal, saying what the run leaves: before the reports are replaced, the previous
/// reports and history stay exactly as they were.
enum Interrupts {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                TemporaryFiles.removeAll()
                Console.error(message(name))
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// What the interrupted run leaves, from how far it got.
    static func message(_ name: String) -> String {
        switch TemporaryFiles.phase {
        case .writing:
            return "stopped by \(name); the reports in the output directory (and the history) are the previous run's, unchanged"
        case .replacing:
            return
                "stopped by \(name) while the new reports were being moved into place; some may be the previous run's: run again"
        case .replaced:
            return
                "stopped by \(name) after the reports were written; with --history, the run is not recorded, so the next run compares with the one before"
        case .recorded:
            return "stopped by \(name) after the reports were written and the run recorded; any email was not sent"
        }
    }
}

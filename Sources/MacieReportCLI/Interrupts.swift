import Dispatch
import Foundation
import ReportPipeline

/// SIGTERM and SIGINT (a stopped service, Ctrl-C) remove the run's temporary files and exit
/// 128 + the signal, saying what the run leaves: before the reports are replaced, the previous
/// reports and history stay exactly as they were.
enum Interrupts {
    /// The write end of a pipe the C-level handler writes the signal number to. The handler
    /// only calls write(2), which is safe in a signal handler; a thread of its own reads the
    /// pipe and does the rest. (A Dispatch signal source runs on the shared pool, which a
    /// render keeping every core busy can hold off for seconds.)
    nonisolated(unsafe) private static var wakeUp: Int32 = -1

    static func install() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        wakeUp = ends[1]
        let reader = ends[0]
        let thread = Thread {
            var number: UInt8 = 0
            while read(reader, &number, 1) != 1 {}
            let signal = Int32(number)
            // The message is the last thing on stderr: the interrupt closes the one writer with it.
            TemporaryFiles.interrupt(status: ExitStatus.interrupted(by: signal)) { phase in
                Console.line("error", message(signal == SIGTERM ? "SIGTERM" : "SIGINT", phase))
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
        for number in [SIGTERM, SIGINT] {
            signal(number) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(Interrupts.wakeUp, &byte, 1)
            }
        }
    }

    /// What the interrupted run leaves, from how far it got.
    static func message(_ name: String, _ phase: TemporaryFiles.Phase) -> String {
        switch phase {
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

import ArgumentParser
import Foundation
import ReportPipeline
import StandardErrorOutput

/// Entry point: parses, runs, and exits with the code ``ExitStatus`` decides (the README's
/// table), after one line on stderr for any error (no stack trace).
@main
enum Main {
    static func main() async {
        // Past a file-size limit (ulimit -f, a quota), fail the write with EFBIG and report it,
        // instead of being killed by SIGXFSZ with a half-written temp file.
        signal(SIGXFSZ, SIG_IGN)
        // Before any other thread exists: what C libraries print goes through the one stderr
        // writer too, so it can neither interleave with our lines nor follow a stop message.
        LibraryOutput.routeThroughSharedWriter()
        Interrupts.install()
        let command: ParsableCommand
        do {
            let arguments = try ConfigFile.expand(Array(CommandLine.arguments.dropFirst()))
            command = try MacieReport.parseAsRoot(arguments)
        } catch let problem as ConfigFile.Problem {
            StandardErrorWriter.shared.write("macie-report: error: \(problem)\n")
            exit((problem.isUsageError ? ExitStatus.usage : .fatal).rawValue)
        } catch {
            usageFailure(error)
        }
        do {
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                var command = command
                try command.run()
            }
            TemporaryFiles.exit(ExitStatus.done.rawValue)
        } catch let code as ExitCode {
            // Through TemporaryFiles: a SIGTERM being handled right now decides the status.
            TemporaryFiles.exit(code.rawValue)
        } catch let error as ValidationError {
            usageFailure(error)
        } catch  where MacieReport.exitCode(for: error) == .success {
            usageFailure(error)
        } catch {
            // Every fatal error type of ours describes itself in one line a user can act on.
            Console.error("\(error)")
            TemporaryFiles.exit(ExitStatus.of(error).rawValue)
        }
    }

    /// Help and version requests exit 0; anything else the parser rejects exits 2 with usage.
    static func usageFailure(_ error: Error) -> Never {
        if MacieReport.exitCode(for: error) == .success {
            print(MacieReport.fullMessage(for: error))
            exit(ExitStatus.done.rawValue)
        }
        StandardErrorWriter.shared.write(MacieReport.fullMessage(for: error) + "\n")
        exit(ExitStatus.usage.rawValue)
    }
}

import Foundation

extension SpawnedProcess {
    /// Starts `path`, feeds it `input`, reads its output (capped) and waits for it, with
    /// `timeout` for all of it; the group is listed with `tracking` while it runs (by default
    /// in ``ChildProcessGroups``, so the run's SIGTERM stops it too).
    ///
    /// The blocking work (the child, its pipes) gets a thread of its own: on the shared pool
    /// it would starve Swift concurrency's executor.
    public static func run(
        _ path: String, arguments: [String], input: [UInt8] = [], timeout: Duration, errorOutput: ErrorOutput = .merged,
        outputLimit: Int = 4096, tracking: @escaping @Sendable (pid_t, Bool) -> Void = ChildProcessGroups.track
    ) async -> Result<Exchange, SpawnFailure> {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                let child: SpawnedProcess
                do throws(SpawnFailure) {
                    child = try SpawnedProcess(path, arguments: arguments, errorOutput: errorOutput)
                } catch {
                    continuation.resume(returning: .failure(error))
                    return
                }
                tracking(child.pid, true)
                let exchange = child.exchange(input, timeout: timeout, outputLimit: outputLimit)
                tracking(child.pid, false)
                continuation.resume(returning: .success(exchange))
            }
            thread.name = (path as NSString).lastPathComponent
            thread.start()
        }
    }
}

import Foundation
import TestSupport

/// Runs a program to completion on a thread of its own.
///
/// `TestSupport.run` blocks its thread until the child exits. Called from a test it holds
/// one of Swift concurrency's threads (two on a two-core machine) for the whole run, and
/// every other test waits behind it: tests that time a deadline then measure the wait as
/// well. These tests run the binary dozens of times, so they wait off the shared pool.
func runDetached(
    _ program: URL, _ arguments: [String], shellPrefix: String? = nil
) async throws -> TestSupport.ProcessResult {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try TestSupport.run(program, arguments, shellPrefix: shellPrefix) })
        }
        thread.start()
    }
}

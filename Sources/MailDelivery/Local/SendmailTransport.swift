import Foundation

/// Delivers through the local mail system: runs `PATH -t -i` with the message on stdin
/// (`-t`: recipients from the To header; `-i`: a line with a lone `.` is not the end).
///
/// A non-zero exit is a ``MailError`` with the status and the first line sendmail wrote to
/// stderr. A sendmail that runs longer than ``timeout`` is terminated, so a stuck local
/// mailer cannot hold the nightly job forever.
public struct SendmailTransport: MailTransport {
    public var path: String
    public var timeout: Duration

    public init(path: String, timeout: Duration = .seconds(120)) {
        self.path = path
        self.timeout = timeout
    }

    /// Ignores SIGPIPE for the whole process while writing: a sendmail that exits without
    /// reading its input must fail the delivery with its exit status, not kill the job.
    public func send(_ mail: EncodedMail) async throws(MailError) {
        let path = self.path
        let timeout = self.timeout
        let result: Result<Void, MailError> = await withCheckedContinuation { continuation in
            Self.detach { continuation.resume(returning: Self.run(path, input: Data(mail.bytes), timeout: timeout)) }
        }
        try result.get()
    }

    /// Blocking work (waiting for the process, reading and writing its pipes) gets threads of
    /// its own: on the shared Dispatch pool it would starve Swift concurrency's executor,
    /// which on Linux runs on the same few threads.
    private static func detach(_ work: @escaping @Sendable () -> Void) {
        let thread = Thread(block: work)
        thread.name = "sendmail"
        thread.start()
    }

    private static func run(_ path: String, input: Data, timeout: Duration) -> Result<Void, MailError> {
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t", "-i"]
        let stdin = Pipe()
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            return .failure(
                .local(
                    "cannot run --sendmail \(path): \((error as NSError).localizedDescription); give the path of a sendmail program such as /usr/sbin/sendmail"
                ))
        }
        let collected = Collected()
        let reading = DispatchGroup()
        reading.enter()
        Self.detach {
            collected.set(output.fileHandleForReading.readDataToEndOfFile())
            reading.leave()
        }
        Self.detach {
            // EPIPE here means sendmail stopped reading; its exit status says why.
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        let seconds = Double(timeout.components.seconds)
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            // The child inherits our blocked and ignored signals (SIGTERM among them once
            // the CLI handles it), so SIGTERM may do nothing: SIGKILL after a second's grace.
            process.terminate()
            if exited.wait(timeout: .now() + 1) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = exited.wait(timeout: .now() + 5)
            }
            return .failure(.local("--sendmail \(path) did not finish within \(Int(seconds)) s and was stopped"))
        }
        // A child of sendmail may keep the pipe open; its first line is all we need.
        _ = reading.wait(timeout: .now() + 2)
        let status = process.terminationStatus
        let firstLine =
            String(decoding: collected.get(), as: UTF8.self)
            .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let said = firstLine.isEmpty ? "" : ": \(firstLine)"
        switch process.terminationReason {
        case .uncaughtSignal:
            return .failure(.local("--sendmail \(path) was killed by signal \(status)\(said)"))
        case .exit where status != 0:
            return .failure(.local("--sendmail \(path) exited with status \(status)\(said)"))
        default:
            return .success(())
        }
    }
}

/// What sendmail printed, handed from the reading thread to the waiting one.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ data: Data) { lock.withLock { self.data = data } }
    func get() -> Data { lock.withLock { data } }
}

import ChildProcess
import FileInput
import Foundation

/// Delivers through the local mail system: runs `PATH -t -i` with the message on stdin
/// (`-t`: recipients from the To header; `-i`: a line with a lone `.` is not the end).
///
/// Delivered means: sendmail exited 0 *and* read the whole message. A non-zero exit, a
/// signal, or an exit before reading everything is a ``MailError`` with the first line
/// sendmail printed (its output is read to the end, but only the first few KB are kept). A
/// sendmail still running after ``timeout`` is stopped together with every process it
/// started (its process group), so a stuck local mailer cannot hold the nightly job.
public struct SendmailTransport: MailTransport {
    public var path: String
    public var timeout: Duration
    /// Hears of sendmail's process group when it starts (`true`) and once it is over
    /// (`false`), so the run's SIGTERM handler can stop the group too.
    public var tracking: @Sendable (pid_t, Bool) -> Void

    public init(
        path: String, timeout: Duration = .seconds(120), tracking: @escaping @Sendable (pid_t, Bool) -> Void = { _, _ in }
    ) {
        self.path = path
        self.timeout = timeout
        self.tracking = tracking
    }

    /// Ignores SIGPIPE for the whole process while writing: a sendmail that exits without
    /// reading its input must fail the delivery with its exit status, not kill the job.
    public func send(_ mail: EncodedMail) async throws(MailError) {
        signal(SIGPIPE, SIG_IGN)
        switch await SpawnedProcess.run(path, arguments: ["-t", "-i"], input: mail.bytes, timeout: timeout, tracking: tracking)
        {
        case .failure(let error):
            throw .local(
                "cannot run --sendmail \(path): \(FileInputError.reason(errno: error.errno)); give the path of a sendmail program such as /usr/sbin/sendmail"
            )
        case .success(let exchange):
            if let failure = failure(exchange, size: mail.bytes.count) { throw failure }
        }
    }

    /// Why the message was not delivered, in one line, or `nil` if it was.
    private func failure(_ exchange: SpawnedProcess.Exchange, size: Int) -> MailError? {
        if exchange.timedOut {
            return .local("--sendmail \(path) did not finish within \(timeout.components.seconds) s and was stopped")
        }
        let line = exchange.output.firstLine()
        let said = line.isEmpty ? "" : ": \(line)"
        // WTERMSIG and WEXITSTATUS, which Swift does not import (they are C macros).
        let signal = exchange.status & 0x7F
        if signal != 0 { return .local("--sendmail \(path) was killed by signal \(signal)\(said)") }
        let code = (exchange.status >> 8) & 0xFF
        if code != 0 { return .local("--sendmail \(path) exited with status \(code)\(said)") }
        guard exchange.unread == 0 else {
            return .local(
                "--sendmail \(path) exited with status 0 but read only \(size - exchange.unread) of the message's \(size) bytes, so it cannot have sent it\(said); check that it is a sendmail that reads the message on stdin"
            )
        }
        return nil
    }
}

import Foundation

/// Writes a message as an `.eml` file (the raw RFC 5322 bytes that mail clients open and
/// `sendmail -t` accepts).
///
/// Atomic: the bytes go to a temporary file in the same directory, which is then renamed over
/// the target, so a reader (or a job that mails the file on) never sees half a message.
public enum EMLFile {
    /// `tracking` hears of the temporary file before it is written (`true`) and once it is
    /// gone or renamed (`false`), so the caller can remove it if the process is interrupted.
    public static func write(
        _ mail: EncodedMail, to url: URL, tracking: (URL, Bool) -> Void = { _, _ in }
    ) throws(MailError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        tracking(temporary, true)
        defer { tracking(temporary, false) }
        do {
            try Data(mail.bytes).write(to: temporary, options: .withoutOverwriting)
        } catch {
            throw .local(
                "cannot write --eml \(url.path): \(Self.reason(error)); check that \(directory.path) exists and is writable")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .local("cannot write --eml \(url.path): \(reason)")
        }
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

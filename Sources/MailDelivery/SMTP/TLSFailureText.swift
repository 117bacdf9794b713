import Foundation
import NIOSSL

/// A TLS failure in words a person can act on. NIOSSL's own descriptions carry BoringSSL's
/// error stack and source paths; the reason code at their end (`CERTIFICATE_VERIFY_FAILED`)
/// is what tells the likely cause.
enum TLSFailureText {
    static func isTLSError(_ error: Error) -> Bool {
        error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError
    }

    /// `(what happened, what to do)` for a failed TLS connection to `url`.
    static func explain(_ error: Error, url: SMTPURL) -> (reason: String, hint: String) {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return ("its certificate is not for \(url.host)", "use the host name the certificate names in --smtp-url")
        }
        guard let code = reasonCode(in: "\(error)") else {
            return ("\(error)", "check --smtp-url and --smtp-ca-file")
        }
        switch code {
        case "CERTIFICATE_VERIFY_FAILED":
            return (
                "its certificate is not trusted (\(code))",
                "if it comes from a private CA or is self-signed, give that CA's PEM file with --smtp-ca-file"
            )
        case "WRONG_VERSION_NUMBER", "PACKET_LENGTH_TOO_LONG", "UNEXPECTED_RECORD":
            return (
                "the server did not answer in TLS (\(code))",
                "use smtp:// (STARTTLS) for port 587 or 25 and smtps:// for port 465"
            )
        default:
            return (code, "check --smtp-url and --smtp-ca-file")
        }
    }

    /// `CERTIFICATE_VERIFY_FAILED` from `...:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at /path...`.
    static func reasonCode(in text: String) -> String? {
        guard let marker = text.range(of: ":OPENSSL_internal:", options: .backwards) else { return nil }
        let rest = text[marker.upperBound...]
        let code = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return code.isEmpty ? nil : String(code)
    }
}

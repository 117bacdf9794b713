/// The SMTP transport's errors: each names the server and the step, and says what to check.
extension MailError {
    static func missingPassword(_ url: SMTPURL, source: String) -> MailError {
        .usage("--smtp-url \(url) names a user but \(source) is empty or unset; set it to the SMTP password")
    }

    static func cannotConnect(_ url: SMTPURL, _ reason: String) -> MailError {
        .server(
            "cannot connect to SMTP server \(url.hostAndPort): \(reason); check the host and port in --smtp-url and that the server is up"
        )
    }

    static func noStartTLS(_ url: SMTPURL) -> MailError {
        .server(
            "SMTP server \(url.hostAndPort) does not offer STARTTLS, and the password is never sent unencrypted; use smtps:// if it takes implicit TLS, or remove the user from --smtp-url for a relay that needs no login"
        )
    }

    static func noAuthMechanism(_ url: SMTPURL, offered: [String]) -> MailError {
        let what = offered.isEmpty ? "offers no AUTH" : "offers only AUTH \(offered.joined(separator: " "))"
        return .server(
            "SMTP server \(url.hostAndPort) \(what), and we speak PLAIN and LOGIN; remove the user from --smtp-url if it needs no login"
        )
    }

    static func authRefused(_ url: SMTPURL, reply: String, credentials: SMTPCredentials) -> MailError {
        .server(
            "SMTP server \(url.hostAndPort) refused AUTH: \(reply); check the user in --smtp-url (\(credentials.user)) and the password in \(credentials.passwordSource)"
        )
    }

    static func refused(_ url: SMTPURL, step: String, reply: String) -> MailError {
        .server("SMTP server \(url.hostAndPort) refused \(step): \(reply)")
    }

    static func timedOut(_ url: SMTPURL, step: String, after timeout: Duration) -> MailError {
        .server(
            "SMTP server \(url.hostAndPort) did not answer \(step) within \(seconds(timeout)) s; check the port in --smtp-url (smtp:// is usually 587, smtps:// 465)"
        )
    }

    /// `30`, `0.5`: a duration as people write it.
    static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        guard fraction != 0 else { return String(whole) }
        return String(Double(whole) + Double(fraction) / 1e18)
    }

    static func closed(_ url: SMTPURL, step: String) -> MailError {
        .server("SMTP server \(url.hostAndPort) closed the connection at \(step)")
    }

    static func tlsFailed(_ url: SMTPURL, step: String, _ reason: String, hint: String) -> MailError {
        .server("TLS with SMTP server \(url.hostAndPort) failed at \(step): \(reason); \(hint)")
    }

    static func notSMTP(_ url: SMTPURL, _ what: String) -> MailError {
        .server("\(url.hostAndPort) sent \(what); check that --smtp-url points at an SMTP server")
    }
}

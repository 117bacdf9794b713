import Testing

@testable import MailDelivery

/// What the CLI hands in: the SMTP URL, the subject template, credentials from the environment.
@Suite struct OptionsValuesTests {
    @Test func smtpURLDefaults() throws {
        #expect(
            try SMTPURL(parsing: "smtp://mail.example.com") == SMTPURL(security: .startTLS, host: "mail.example.com", port: 587))
        #expect(
            try SMTPURL(parsing: "smtps://mail.example.com/")
                == SMTPURL(security: .implicitTLS, host: "mail.example.com", port: 465))
        #expect(try SMTPURL(parsing: "SMTP://Mail.Example.com:25").port == 25)
        #expect(try SMTPURL(parsing: "smtp://mail.example.com:25").host == "mail.example.com")
    }

    @Test func smtpURLUsersArePercentDecoded() throws {
        let url = try SMTPURL(parsing: "smtps://reports%40example.com@[::1]:2465")
        #expect(url.user == "reports@example.com")
        #expect(url.host == "::1")
        #expect(url.port == 2465)
        #expect(url.hostAndPort == "[::1]:2465")
        #expect(try SMTPURL(parsing: "smtp://a%3Ab@h").user == "a:b")
    }

    @Test func aPasswordInTheURLIsRefusedWithTheWayOut() {
        #expect {
            try SMTPURL(parsing: "smtp://alice:s3cret@mail.example.com")
        } throws: { error in
            let text = (error as! MailError).description
            return text.contains("must not contain a password") && text.contains("--smtp-password-env")
                && !text.contains("s3cret")
        }
    }

    @Test(arguments: [
        "mail.example.com", "http://mail.example.com", "smtp://", "smtp://host:0", "smtp://host:99999", "smtp://host:x",
        "smtp://host/path", "smtp://host?x=1", "smtp://@host", "smtp://a%zz@host", "smtp://ho st", "smtp://[::1",
    ])
    func badSMTPURLs(_ text: String) {
        #expect(throws: MailError.self) { try SMTPURL(parsing: text) }
    }

    @Test func defaultSubject() throws {
        let values = ["date": "2026-11-24", "errors": "3", "expiring": "2", "new": "1"]
        #expect(try SubjectTemplate().render(values) == "Macie jobs 2026-11-24: 3 ERROR, 2 expiring, 1 new")
    }

    @Test func everyPlaceholderAndLiteralBraces() throws {
        let names = SubjectTemplate.placeholders.map(\.name)
        #expect(
            names == [
                "date", "jobs", "errors", "attention", "expiring", "paused", "new", "removed", "changed", "recovered",
                "newErrors", "macieOff", "notReached",
            ])
        let template = try SubjectTemplate(names.map { "{\($0)}" }.joined(separator: ",") + " {{x}}")
        let values = Dictionary(uniqueKeysWithValues: names.map { ($0, $0.uppercased()) })
        #expect(template.render(values) == names.map { $0.uppercased() }.joined(separator: ",") + " {x}")
    }

    @Test func unknownPlaceholdersListTheKnownOnes() {
        #expect {
            try SubjectTemplate("{date} {erors}")
        } throws: { error in
            let error = error as! MailError
            return error.isUsageError && error.description.contains("{erors}") && error.description.contains("{newErrors}")
        }
        #expect(throws: MailError.self) { try SubjectTemplate("open { brace") }
        #expect(throws: MailError.self) { try SubjectTemplate("close } brace") }
    }

    @Test func credentialsComeFromTheEnvironmentOnlyWithAUser() throws {
        let anonymous = try SMTPURL(parsing: "smtp://relay.example.com:25")
        #expect(try SMTPCredentials.forURL(anonymous, passwordVariable: "PW", environment: ["PW": "x"]) == nil)
        let named = try SMTPURL(parsing: "smtp://alice@mail.example.com")
        let credentials = try #require(try SMTPCredentials.forURL(named, passwordVariable: "PW", environment: ["PW": "hunter2"]))
        #expect(credentials.user == "alice" && credentials.password == "hunter2")
        #expect(!"\(credentials)".contains("hunter2"))
        #expect(!String(reflecting: credentials).contains("hunter2"))
        #expect(credentials.redacting("535 bad hunter2 \(SMTPAuth.plainToken(credentials))") == "535 bad *** ***")
        #expect {
            try SMTPCredentials.forURL(named, passwordVariable: "PW", environment: [:])
        } throws: { error in
            (error as! MailError).description.contains("$PW is empty or unset")
        }
    }

    @Test func authMechanismChoice() {
        func ehlo(_ lines: String...) -> SMTPReply { SMTPReply(code: 250, lines: ["mail.example.com"] + lines) }
        #expect(SMTPAuth.choose(from: ehlo("AUTH LOGIN PLAIN", "STARTTLS")) == .plain)
        #expect(SMTPAuth.choose(from: ehlo("auth login")) == .login)
        #expect(SMTPAuth.choose(from: ehlo("AUTH=LOGIN")) == .login)
        #expect(SMTPAuth.choose(from: ehlo("AUTH CRAM-MD5")) == nil)
        #expect(SMTPAuth.choose(from: ehlo("SIZE 100")) == nil)
    }
}

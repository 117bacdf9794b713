import Foundation
import JobFetch

/// STS AssumeRole against the recorded accounts: which requests are malformed (ValidationError,
/// 400), which the role's trust policy refuses (AccessDenied, 403), and the XML answer for the
/// rest, shaped as sts-service-2.json's `AssumeRoleResponse` inside `AssumeRoleResult`.
///
/// A role exists when `accounts.json` lists it under its account; it trusts the account it
/// names (the home account by default), with the external id it names. Every role's maximum
/// session is AWS's default, one hour, so `DurationSeconds` above 3600 is refused as AWS refuses
/// more than a role allows.
enum AssumeRoleOperation {
    /// AWS's default maximum session duration for a role, and the default `DurationSeconds`.
    static let maxSessionSeconds = 3600

    /// A well-formed request.
    struct Input {
        var partition: String
        var accountId: String
        var roleName: String
        var roleArn: String
        var sessionName: String
        var externalId: String?
        var durationSeconds: Int
    }

    /// The request's parameters checked as STS checks them, or the ValidationError to send.
    static func input(_ parameters: [String: String]) -> Result<Input, EmulatorResponse.Refusal> {
        func invalid(_ message: String) -> Result<Input, EmulatorResponse.Refusal> {
            .failure(.init(response: STSOperations.error("ValidationError", 400, message)))
        }
        guard let arn = parameters["RoleArn"] else {
            return invalid(
                "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null")
        }
        guard let sessionName = parameters["RoleSessionName"] else {
            return invalid(
                "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null"
            )
        }
        guard (2...64).contains(sessionName.count), sessionName.allSatisfy(isSessionNameCharacter) else {
            return invalid(
                "1 validation error detected: Value '\(sessionName)' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
            )
        }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard (20...2048).contains(arn.count), parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, parts[2] == "iam",
            parts[3].isEmpty, Scope.isAccountId(parts[4]), parts[5].hasPrefix("role/"),
            let name = parts[5].split(separator: "/").last.map(String.init), parts[5].count > 5
        else {
            return invalid("\(arn) is not a valid role ARN: arn:{partition}:iam::{account}:role/{name}")
        }
        if let externalId = parameters["ExternalId"], !(2...1224).contains(externalId.count) {
            return invalid(
                "1 validation error detected: Value at 'externalId' failed to satisfy constraint: Member must have length between 2 and 1224"
            )
        }
        var duration = maxSessionSeconds
        if let text = parameters["DurationSeconds"] {
            guard let seconds = Int(text), (900...43200).contains(seconds) else {
                return invalid(
                    "1 validation error detected: Value '\(text)' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200"
                )
            }
            guard seconds <= maxSessionSeconds else {
                return invalid("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
            }
            duration = seconds
        }
        return .success(
            Input(
                partition: parts[1], accountId: parts[4], roleName: name, roleArn: arn, sessionName: sessionName,
                externalId: parameters["ExternalId"], durationSeconds: duration))
    }

    /// Whether the role exists and its trust policy lets `caller` in: the role's account is
    /// active, lists the role, the role trusts the caller's account and, if it names an external
    /// id, the request gave the same.
    static func isAllowed(_ input: Input, caller: Caller, directory: AccountDirectory) -> Bool {
        guard let account = directory.account(input.accountId), account.status == "ACTIVE",
            let role = account.roles.first(where: { $0.name == input.roleName })
        else { return false }
        return (role.trustedAccountId ?? directory.home) == caller.accountId
            && (role.externalId == nil || role.externalId == input.externalId)
    }

    /// AccessDenied in STS's words: HTTP 403, `Sender`, naming the caller and the role.
    static func denied(_ input: Input, caller: Caller) -> EmulatorResponse {
        STSOperations.error(
            "AccessDenied", 403, "User: \(caller.arn) is not authorized to perform: sts:AssumeRole on resource: \(input.roleArn)")
    }

    /// The answer to an allowed request: the new session's credentials and assumed-role user.
    static func response(_ session: RoleSession) -> EmulatorResponse {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return STSOperations.xml(
            """
            <AssumeRoleResponse xmlns="\(STSOperations.namespace)">
              <AssumeRoleResult>
                <AssumedRoleUser>
                  <AssumedRoleId>\(STSOperations.escaped(session.assumedRoleId))</AssumedRoleId>
                  <Arn>\(STSOperations.escaped(session.arn))</Arn>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>\(session.credentials.accessKeyId)</AccessKeyId>
                  <SecretAccessKey>\(STSOperations.escaped(session.credentials.secretAccessKey))</SecretAccessKey>
                  <SessionToken>\(STSOperations.escaped(session.credentials.sessionToken ?? ""))</SessionToken>
                  <Expiration>\(formatter.string(from: session.expiration))</Expiration>
                </Credentials>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>\(UUID().uuidString.lowercased())</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """)
    }

    /// `[\w+=,.@-]`, the model's pattern for a session name.
    private static func isSessionNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || "_+=,.@-".contains(c))
    }
}

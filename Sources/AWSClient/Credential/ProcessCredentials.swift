import AWSSigV4
import ChildProcess
import Foundation

/// `credential_process`: runs the command (through `/bin/sh -c`, as the SDKs do on Unix)
/// and reads `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}`
/// from its stdout. The process's stderr is passed through; its stdout never appears in a
/// message, because it holds the secret.
///
/// The command runs in a process group of its own with a deadline: a helper that hangs (a
/// prompt no one answers, a network call that never returns) is stopped with everything it
/// started, and the run says so instead of waiting for ever. A SIGTERM to the run stops it too.
public enum ProcessCredentials {
    /// How long the command may take.
    public static let timeout: Duration = .seconds(60)

    /// Runs `command` and reads its credentials; `timeout` is for tests.
    public static func run(_ command: String, timeout: Duration = timeout) async throws -> ExpiringCredentials {
        let result = await SpawnedProcess.run(
            "/bin/sh", arguments: ["-c", command], timeout: timeout, errorOutput: .inherited, outputLimit: 1 << 20)
        let exchange: SpawnedProcess.Exchange
        switch result {
        case .failure(let failure):
            throw AWSError.credentials("credential_process could not start: \(String(cString: strerror(failure.errno)))")
        case .success(let done):
            exchange = done
        }
        if exchange.timedOut {
            throw AWSError.credentials(
                "credential_process did not finish within \(timeout.components.seconds) s and was stopped (with everything it started); check the command in the profile"
            )
        }
        let status = exchange.status
        if status & 0x7F != 0 {
            throw AWSError.credentials("credential_process was killed by signal \(status & 0x7F)")
        }
        guard (status >> 8) & 0xFF == 0 else {
            throw AWSError.credentials("credential_process exited with status \((status >> 8) & 0xFF)")
        }
        guard exchange.output.total <= exchange.output.limit else {
            throw AWSError.credentials("credential_process printed more than 1 MB; it must print one JSON object")
        }
        return try parse(Data(exchange.output.kept))
    }

    static func parse(_ data: Data) throws -> ExpiringCredentials {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw AWSError.credentials("credential_process did not print a JSON object")
        }
        guard (object["Version"] as? Int) == 1 else {
            throw AWSError.credentials("credential_process output must have \"Version\": 1")
        }
        guard let key = object["AccessKeyId"] as? String, let secret = object["SecretAccessKey"] as? String else {
            throw AWSError.credentials("credential_process output lacks AccessKeyId or SecretAccessKey")
        }
        var expiration: Date?
        if let text = object["Expiration"] as? String {
            guard let date = AWSTimestamp.parse(text) else {
                throw AWSError.credentials("credential_process Expiration is not an ISO-8601 time")
            }
            expiration = date
        }
        return ExpiringCredentials(
            .init(accessKeyId: key, secretAccessKey: secret, sessionToken: object["SessionToken"] as? String),
            expiration: expiration)
    }
}

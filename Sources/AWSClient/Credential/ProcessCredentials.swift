import AWSSigV4
import Foundation

/// `credential_process`: runs the command (through `/bin/sh -c`, as the SDKs do on Unix)
/// and reads `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}`
/// from its stdout. The process's stderr is passed through; its stdout never appears in a
/// message, because it holds the secret.
public enum ProcessCredentials {
    public static let timeout: TimeInterval = 60

    public static func run(_ command: String) async throws -> ExpiringCredentials {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AWSError.credentials("credential_process could not start: \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw AWSError.credentials("credential_process exited with status \(process.terminationStatus)")
        }
        return try parse(data)
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

import Foundation

/// `{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}` as the container and
/// instance metadata endpoints answer.
enum MetadataCredentialsJSON {
    static func parse(_ body: [UInt8], source: String) throws -> ExpiringCredentials {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let key = object["AccessKeyId"] as? String, let secret = object["SecretAccessKey"] as? String
        else { throw AWSError.credentials("\(source) answered without AccessKeyId and SecretAccessKey") }
        if let code = object["Code"] as? String, code != "Success" {
            throw AWSError.credentials("\(source) answered Code \(code)")
        }
        return ExpiringCredentials(
            .init(accessKeyId: key, secretAccessKey: secret, sessionToken: object["Token"] as? String),
            expiration: (object["Expiration"] as? String).flatMap(AWSTimestamp.parse))
    }
}

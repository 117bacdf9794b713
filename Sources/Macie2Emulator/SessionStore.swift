import AWSSigV4
import Foundation

/// A role session AssumeRole issued: temporary credentials that belong to the role's account
/// until they expire.
struct RoleSession {
    /// The temporary key, secret and session token (the token must be sent with every request).
    let credentials: AWSCredentials
    /// The role's account: what GetCallerIdentity answers and whose dataset Macie2 serves.
    let accountId: String
    /// `AROA…:session-name`, GetCallerIdentity's `UserId`.
    let assumedRoleId: String
    /// `arn:{partition}:sts::{account}:assumed-role/{role}/{session}`.
    let arn: String
    /// When the credentials stop being accepted (ExpiredToken after it).
    let expiration: Date
}

/// Every session issued so far, by access key id, and the generator that makes their keys.
/// Not thread-safe on its own; ``Macie2Service`` holds it behind its lock.
///
/// Keys come from a generator of their own, seeded by `--seed`, so issuing credentials never
/// shifts the seeded faults of the Macie2 operations, and a run's keys repeat.
struct SessionStore {
    private var random: SplitMix64
    private(set) var sessions: [String: RoleSession] = [:]

    init(seed: UInt64) { random = SplitMix64(seed: seed ^ 0x5354_535F_5345_5353) }

    /// The session `accessKeyId` belongs to, if AssumeRole issued it.
    func session(_ accessKeyId: String) -> RoleSession? { sessions[accessKeyId] }

    /// Issues credentials for `roleName` in `accountId`, good until `expiration`.
    mutating func issue(
        partition: String, accountId: String, roleName: String, sessionName: String, expiration: Date
    ) -> RoleSession {
        var key: String
        repeat { key = "ASIA" + draw(16, from: Self.upperAlphanumeric) } while sessions[key] != nil
        let credentials = AWSCredentials(
            accessKeyId: key, secretAccessKey: draw(40, from: Self.base64),
            sessionToken: "IQoJb3JpZ2luX2VjE" + draw(340, from: Self.base64))
        let session = RoleSession(
            credentials: credentials, accountId: accountId,
            assumedRoleId: Self.roleId(accountId: accountId, roleName: roleName) + ":" + sessionName,
            arn: "arn:\(partition):sts::\(accountId):assumed-role/\(roleName)/\(sessionName)", expiration: expiration)
        sessions[key] = session
        return session
    }

    /// A role's unique id (`AROA` and 17 characters), the same for the same role on every run, as IAM's is.
    static func roleId(accountId: String, roleName: String) -> String {
        var generator = SplitMix64(seed: FaultState.fnv1a(accountId + "/" + roleName))
        return "AROA" + (0..<17).map { _ in upperAlphanumeric[Int(generator.next() % UInt64(upperAlphanumeric.count))] }.joined()
    }

    private mutating func draw(_ count: Int, from alphabet: [String]) -> String {
        (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
    }

    private static let upperAlphanumeric = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567").map(String.init)
    private static let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").map(String.init)
}

/// The role the run assumes in every account other than its own (`--role-name`,
/// `--external-id`, `--role-session-name`): resolved and checked once, before anything is
/// fetched, then used for each account by ``AssumedRoleCredentials``.
///
/// The checks are STS's own patterns (`sts-service-2.json`), so a value STS would refuse in
/// every account is one usage error up front instead of a thousand `role-denied` accounts.
public struct CrossAccountRole: Sendable, Hashable {
    /// The role's name, with its IAM path if it has one (`MacieReport`, `security/MacieReport`).
    public let name: String
    /// What the role's trust policy checks in `sts:ExternalId`; `nil` sends none.
    public let externalId: String?
    /// Names the session in the member account's CloudTrail, so its owners see who read their jobs.
    public let sessionName: String
    /// How long the temporary credentials last; they are refreshed before they run out.
    public let durationSeconds: Int

    /// The session name STS is given unless the user names one.
    public static let defaultSessionName = "macie-report"
    /// An hour: the longest a chained role session may last, and STS's own default.
    public static let defaultDurationSeconds = 3600

    /// Checks every value against STS's limits and throws a usage error (exit 2) naming the
    /// option and what it must look like.
    ///
    /// - Parameters:
    ///   - name: 1-64 characters of letters, digits and `+=,.@_-` per segment, segments joined
    ///     by `/` for a role under a path.
    ///   - externalId: 2-1224 characters of letters, digits and `+=,.@:/_-`.
    ///   - sessionName: 2-64 characters of letters, digits and `+=,.@_-`.
    ///   - durationSeconds: 900 (15 minutes) to 43200 (12 hours); more than the role's own
    ///     maximum is refused by STS, in each account, as a failed AssumeRole.
    public init(
        name: String, externalId: String? = nil, sessionName: String = defaultSessionName,
        durationSeconds: Int = defaultDurationSeconds
    ) throws(AWSError) {
        let segments = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.isEmpty,
            segments.allSatisfy({ (1...64).contains($0.count) && Self.only($0, extra: "+=,.@_-") })
        else {
            throw .usage(
                "--role-name \(ServerText.quoted(name)) is not an IAM role name: use letters, digits and +=,.@_- (at most 64), with / only between path segments"
            )
        }
        if let externalId {
            guard (2...1224).contains(externalId.count), Self.only(Substring(externalId), extra: "+=,.@:/_-") else {
                throw .usage(
                    "--external-id must be 2 to 1224 characters of letters, digits and +=,.@:/_- (what the role's trust policy expects in sts:ExternalId)"
                )
            }
        }
        guard (2...64).contains(sessionName.count), Self.only(Substring(sessionName), extra: "+=,.@_-") else {
            throw .usage(
                "--role-session-name \(ServerText.quoted(sessionName)) must be 2 to 64 characters of letters, digits and +=,.@_-")
        }
        guard (900...43200).contains(durationSeconds) else {
            throw .usage("the role session duration \(durationSeconds) must be 900 to 43200 seconds")
        }
        self.name = name
        self.externalId = externalId
        self.sessionName = sessionName
        self.durationSeconds = durationSeconds
    }

    /// `arn:{partition}:iam::{account}:role/{name}`, the partition being the region's
    /// (`aws`, `aws-cn`, `aws-us-gov`): a role ARN of another partition is refused by STS.
    public func arn(account: String, region: String) -> String {
        "arn:\(AWSRegion.partition(region)):iam::\(account):role/\(name)"
    }

    private static func only(_ text: Substring, extra: String) -> Bool {
        text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || extra.unicodeScalars.contains($0))
        }
    }
}

/// Region names, checked before one goes into a host name or a signing scope.
///
/// A region becomes part of a URL (`macie2.<region>.amazonaws.com`) and of every signature:
/// a space, a slash or a trailing newline in it would build a URL that does not parse or
/// points elsewhere. So a region must look like one: lower-case letter groups joined by
/// hyphens and ending in a number (`us-east-1`, `us-gov-west-1`, `eu-isoe-west-1`).
public enum AWSRegion {
    /// Whether `name` is shaped like an AWS region.
    public static func isValid(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard name.utf8.count <= 63, parts.count >= 3, let last = parts.last, !last.isEmpty, last.count <= 3,
            last.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }

    /// `name` if it is a region; otherwise a usage error naming where it came from.
    public static func validated(_ name: String, from source: String) throws(AWSError) -> String {
        guard isValid(name) else {
            throw .usage(
                "\(source) \(ServerText.quoted(name)) is not an AWS region; write it like us-east-1 (no spaces, lower case)")
        }
        return name
    }

    /// The partition a region belongs to, as ARNs name it.
    public static func partition(_ region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    /// The partition's DNS suffix: China regions have their own.
    static func dnsSuffix(_ region: String) -> String { region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com" }
}

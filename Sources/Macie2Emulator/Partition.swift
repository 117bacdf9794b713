/// The ARN partition of a region, for the ARNs the emulator makes up: `aws-cn` for China,
/// `aws-us-gov` for GovCloud, `aws` elsewhere.
enum Partition {
    static func of(_ region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }
}

/// The account an AWS access key id names. AWS builds `AKIA…`/`ASIA…` key ids around the
/// owning account's number (bits 7–46 of the base32-decoded characters after the prefix), and
/// moto's STS and IAM issue theirs the same way, so under `--accept-any-credentials` a key
/// another STS issued still says whose dataset it may see.
enum AccessKeyAccount {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// The 12-digit account `keyId` encodes, or `nil` when it is not an `AKIA`/`ASIA` key id
    /// in AWS's base32 alphabet (such as the tests' `AKIDEXAMPLE`).
    static func account(of keyId: String) -> String? {
        let bytes = Array(keyId.utf8)
        guard bytes.count >= 16, keyId.hasPrefix("AKIA") || keyId.hasPrefix("ASIA") else { return nil }
        var value: UInt64 = 0
        for byte in bytes[4..<14] {
            guard let digit = alphabet.firstIndex(of: byte) else { return nil }
            value = value << 5 | UInt64(digit)
        }
        let account = ((value >> 2) & 0x7FFF_FFFF_FF80) >> 7
        let digits = String(account)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }
}

import Testing

@testable import Macie2Emulator

/// The account an AWS-shaped key id encodes: known answers from AWS's and moto's encoding.
@Suite struct AccessKeyAccountTests {
    @Test func aTemporaryKeyIdNamesItsAccount() {
        #expect(AccessKeyAccount.account(of: "ASIAQNZGKIQY56JQ7WML") == "029608264753")
        // moto's STS issued this one for a role in 773507615084.
        #expect(AccessKeyAccount.account(of: "ASIA3IGFFRFWDGBCSUFH") == "773507615084")
    }

    @Test func keysOfAnotherShapeNameNoAccount() {
        #expect(AccessKeyAccount.account(of: "AKIDEXAMPLE") == nil)
        #expect(AccessKeyAccount.account(of: "AKIDINTEROP") == nil)
        #expect(AccessKeyAccount.account(of: "ASIA0000000000000000") == nil)  // 0 and 1 are not base32
    }
}

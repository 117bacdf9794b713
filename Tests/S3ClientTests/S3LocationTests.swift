import Foundation
import S3Client
import Testing

/// `--s3-uri`, `--s3-sse` and `--s3-kms-key-id` as a user writes them, and what is refused.
@Suite struct S3LocationTests {
    @Test func aPrefixIsAFolderAndDateIsTheAsOfDay() throws {
        let location = try S3Location(parsing: "s3://reports/macie/{date}")
        #expect(location.bucket == "reports" && location.prefixTemplate == "macie/{date}/")
        let asOf = Date(timeIntervalSince1970: 1_795_500_000)
        #expect(location.key("report.xlsx", asOf: asOf) == "macie/2026-11-24/report.xlsx")
        #expect(try S3Location(parsing: "s3://reports").key("jobs.csv", asOf: asOf) == "jobs.csv")
        #expect(try S3Location(parsing: "s3://reports/").key("jobs.csv", asOf: asOf) == "jobs.csv")
    }

    @Test(arguments: [
        ("reports/x", "is not an S3 URI"), ("s3://", "the bucket name is missing"), ("s3://ab/", "3 to 63"),
        ("s3://Reports/", "lower-case"), ("s3://-reports/", "begin and end"), ("s3://a..b/", "two dots"),
        ("s3://192.168.1.1/", "IP address"), ("s3://reports/{day}/", "unknown placeholder {day}"),
        ("s3://reports/{date/", "without '}'"), ("s3://reports/a/../b/", "'..' folder"),
        ("s3://reports/a\nb/", "control character"),
    ])
    func badURIsAreRefusedWithTheReason(_ text: String, _ reason: String) {
        #expect {
            _ = try S3Location(parsing: text)
        } throws: { error in
            "\(error)".contains(reason) && "\(error)".hasPrefix("--s3-uri ")
        }
    }

    @Test func encryptionFlags() throws {
        #expect(try S3Encryption.parse(sse: nil, kmsKeyId: nil) == nil)
        #expect(try S3Encryption.parse(sse: "AES256", kmsKeyId: nil) == .s3Managed)
        #expect(try S3Encryption.parse(sse: "aws:kms", kmsKeyId: nil) == .kms(keyId: nil))
        #expect(try S3Encryption.parse(sse: "aws:kms", kmsKeyId: "alias/x") == .kms(keyId: "alias/x"))
        #expect(throws: S3UsageError.self) { try S3Encryption.parse(sse: "AES256", kmsKeyId: "alias/x") }
        #expect(throws: S3UsageError.self) { try S3Encryption.parse(sse: nil, kmsKeyId: "alias/x") }
        #expect(throws: S3UsageError.self) { try S3Encryption.parse(sse: "aws:kms:dsse", kmsKeyId: nil) }
        #expect(ReportContentType.of("report.html") == "text/html; charset=utf-8")
        #expect(ReportContentType.of("coverage.csv") == "text/csv; charset=utf-8")
    }
}

import Foundation
import TestSupport
import Testing

@testable import MacieReportCLI

/// The S3 flags as a user writes them: what `run` accepts, and each refusal in one line
/// before anything is fetched (exit 2).
@Suite struct S3OptionsTests {
    static func parse(_ extra: [String]) throws -> RunCommand {
        try RunCommand.parse(
            ["--samples", TestSupport.demoSamples.path, "--output-dir", try TestSupport.scratchDirectory("s3opts").path]
                + extra)
    }

    static func refusal(_ extra: [String]) -> String? {
        do {
            _ = try parse(extra)
            return nil
        } catch {
            return RunCommand.message(for: error)
        }
    }

    @Test func aSamplesRunMayStoreAndMailThroughAWS() throws {
        let run = try Self.parse([
            "--s3-uri", "s3://reports/macie/{date}/", "--s3-sse", "aws:kms", "--s3-kms-key-id", "alias/r",
            "--s3-region", "eu-west-1", "--profile", "reports", "--endpoint-url", "http://127.0.0.1:9000",
            "--mail-links", "--link-expiry-days", "3", "--ses-region", "us-east-1", "--mail-from", "a@example.com",
            "--mail-to", "b@example.com",
        ])
        #expect(run.s3.isUsed && run.mail.mailLinks && run.mail.linkExpirySeconds == 259_200)
        let parsed = try #require(try run.s3.parsed())
        #expect(parsed.location.bucket == "reports" && parsed.encryption == .kms(keyId: "alias/r"))
        #expect(run.s3.uploadOptions.multipartThreshold == 8 << 20)
    }

    @Test(arguments: [
        (["--s3-uri", "reports/x"], "--s3-uri 'reports/x' is not an S3 URI; write it like s3://BUCKET/PREFIX/"),
        (["--s3-uri", "s3://Reports/"], "the bucket name may hold only lower-case letters, digits, dots and hyphens"),
        (["--s3-uri", "s3://reports/{day}/"], "unknown placeholder {day}; the placeholder is {date}"),
        (["--s3-sse", "AES256"], "--s3-sse, --s3-kms-key-id and --s3-region are for --s3-uri"),
        (["--s3-uri", "s3://reports/", "--s3-sse", "aws:kms:dsse"], "--s3-sse takes aws:kms or AES256"),
        (["--s3-uri", "s3://reports/", "--s3-kms-key-id", "k"], "--s3-kms-key-id names a KMS key: it needs --s3-sse aws:kms"),
        (["--s3-uri", "s3://reports/", "--s3-region", "eu west 1"], "--s3-region 'eu west 1' is not an AWS region"),
        (["--s3-uri", "s3://reports/", "--s3-multipart-threshold-mib", "4"], "between 5 and 5120"),
        (["--profile", "p"], "--samples reads recorded jobs"),
        (["--s3-uri", "s3://reports/", "--region", "eu-west-1"], "--samples reads recorded jobs"),
    ])
    func refusals(_ extra: [String], _ expected: String) {
        let message = Self.refusal(extra)
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }

    @Test func theBucketsRegionIsSettledBeforeAnyWork() throws {
        func plan(_ extra: [String], _ environment: [String: String]) throws -> Delivery.Plan? {
            let run = try Self.parse(["--s3-uri", "s3://reports/"] + extra)
            return try Delivery(s3: run.s3, mail: run.mail, live: run.live, quiet: true).plan(
                environment: environment.merging(["HOME": "/nonexistent"]) { $1 })
        }
        #expect(try plan([], ["AWS_REGION": "eu-west-1"])?.bucketRegion == "eu-west-1")
        #expect(try plan(["--s3-region", "ap-south-1"], ["AWS_REGION": "eu-west-1"])?.bucketRegion == "ap-south-1")
        #expect {
            _ = try plan([], [:])
        } throws: { error in
            RunCommand.message(for: error) == "no region for the bucket: give --s3-region, or set AWS_REGION"
        }
        #expect {
            _ = try plan([], ["AWS_REGION": "eu west 1"])
        } throws: { error in
            "\(error)".contains("AWS_REGION 'eu west 1' is not an AWS region")
        }
        #expect {
            _ = try plan([], ["AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL_S3": "ftp://x"])
        } throws: { error in
            "\(error)".contains("AWS_ENDPOINT_URL_S3 'ftp://x' is not a usable endpoint")
        }
        let samplesOnly = try Self.parse([])
        #expect(try Delivery(s3: samplesOnly.s3, mail: samplesOnly.mail, live: samplesOnly.live, quiet: true).plan(environment: [:]) == nil)
    }
}

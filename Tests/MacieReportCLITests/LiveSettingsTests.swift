import Foundation
import TestSupport
import Testing

/// Settings that cannot work are usage errors (exit 2) naming the value, before anything is
/// fetched: never a crash, never a silent fallback.
@Suite struct LiveSettingsTests {
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> TestSupport.ProcessResult {
        let out = try TestSupport.scratchDirectory("settings")
        var environment = [
            "PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret",
        ]
        environment.merge(extra) { _, new in new }
        let result = try TestSupport.run(
            TestSupport.executable(), ["run", "--output-dir", out.path] + arguments, environment: environment)
        #expect(try TestSupport.snapshot(out).isEmpty, "nothing written")
        return result
    }

    @Test(arguments: ["us east-1", "us-east-1/x", "US-EAST-1", "us-east-1.evil.example"])
    func aRegionThatIsNotARegionIsAUsageError(_ region: String) throws {
        let result = try run(["--region", region, "--endpoint-url", "http://127.0.0.1:9"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("is not an AWS region"))
        #expect(result.stderr.contains(region.replacingOccurrences(of: " ", with: " ")))
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtrac"))
    }

    @Test func aRegionWithATrailingSpaceFromTheEnvironmentIsNamed() throws {
        let result = try run(["--endpoint-url", "http://127.0.0.1:9"], environment: ["AWS_REGION": "us-east-1 "])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("AWS_REGION 'us-east-1\\u{20}' is not an AWS region"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: [
        ("http://127.0.0.1:70000", "port 70000 is outside 1-65535"), ("ftp://127.0.0.1", "the scheme must be http or https"),
    ])
    func anEndpointThatCannotWorkIsAUsageError(_ url: String, _ reason: String) throws {
        let result = try run(["--region", "us-east-1", "--endpoint-url", url])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(reason))
        let fromEnvironment = try run(["--region", "us-east-1"], environment: ["AWS_ENDPOINT_URL_MACIE2": url])
        #expect(fromEnvironment.status == 2, "\(fromEnvironment.stderr)")
        #expect(fromEnvironment.stderr.contains("AWS_ENDPOINT_URL_MACIE2") && fromEnvironment.stderr.contains(reason))
    }

    @Test func anUnreadableCredentialsFileStopsTheRunWithOneLine() throws {
        let folder = try TestSupport.scratchDirectory("aws")
        let result = try run(
            ["--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"],
            environment: ["AWS_SHARED_CREDENTIALS_FILE": folder.path, "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(
            result.stderr
                == "macie-report: error: AWS credentials file \(folder.path) is a directory, not a regular file; fix it, or point AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE elsewhere\n"
        )
    }
}

import Foundation
import TestSupport
import Testing

/// A run over several accounts through the built binary: coverage.csv among the files, the
/// role-denied account a gap (exit 3), and the mail subject counting what was not seen.
@Suite struct CoverageRunTests {
    @Test func theSubjectCountsMacieOffAndAccountsNotReached() throws {
        let samples = try TestSupport.CoverageSamples.folder()
        let out = try TestSupport.scratchDirectory("coverage-run")
        let eml = out.deletingLastPathComponent().appendingPathComponent("coverage-\(UUID().uuidString).eml")
        let result = try TestSupport.run(
            TestSupport.executable(),
            [
                "run", "--samples", samples.path, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf, "--quiet",
                "--eml", eml.path, "--mail-from", "reports@example.com", "--mail-to", "a@example.org",
                "--mail-subject", "Macie {date}: {macieOff} Macie off, {notReached} not reached, {errors} ERROR",
            ])
        #expect(result.status == 3, "an account not reached is a gap: \(result.stderr)")
        #expect(result.stderr.contains(TestSupport.CoverageSamples.roleReason))
        #expect(
            try TestSupport.snapshot(out).keys.sorted() == [
                "coverage.csv", "errors.csv", "jobs.csv", "report.html", "report.xlsx", "summary.csv",
            ])
        let message = try String(contentsOf: eml, encoding: .utf8)
        #expect(message.contains("\r\nSubject: Macie 2026-11-24: 1 Macie off, 1 not reached, 1 ERROR\r\n"))
        #expect(message.contains("filename=\"coverage.csv\"") || message.contains("filename=coverage.csv"))
    }
}

import AWSClient
import ArgumentParser
import Foundation
import Logging
import MailDelivery
import ReportPipeline
import S3Client

/// What follows the reports: storing them in S3, then the mail (with links to the stored
/// files, or with the files attached). Each failure is one line on stderr and makes the run
/// exit 5; none of it touches a written report.
struct Delivery {
    let s3: S3Options
    let mail: MailOptions
    let live: LiveOptions
    let quiet: Bool

    /// How to reach AWS after the reports, resolved before any work so that a bad setting
    /// stops the run (exit 2 or 1) instead of failing after the night's walk.
    struct Plan {
        var settings: AWSSettings
        /// The bucket's region; `nil` when nothing is stored (SES alone needs none of its own).
        var bucketRegion: String?
    }

    /// Whether there is anything to deliver.
    var isUsed: Bool { s3.isUsed || mail.isUsed }

    /// The plan, or `nil` when nothing goes through AWS; throws a setting that cannot work.
    func plan(environment: [String: String]) throws -> Plan? {
        guard s3.isUsed || mail.sesRegion != nil else { return nil }
        let settings = try AWSSettings.resolve(profile: live.profile, endpointURL: live.endpointURL, environment: environment)
        guard s3.isUsed else { return Plan(settings: settings, bucketRegion: nil) }
        // --s3-region, else the run's first region, else the environment's or profile's.
        let region: String
        do {
            region = try s3.region ?? settings.regions(explicit: live.regions)[0]
        } catch let error as AWSError where !error.isUsageError {
            throw ValidationError("no region for the bucket: give --s3-region, or set AWS_REGION")
        }
        try settings.checkEndpoints([S3Client.service], regions: [region])
        return Plan(settings: settings, bucketRegion: region)
    }

    /// Delivers `result`; `false` when something asked for was not delivered.
    func run(_ result: ReportPipeline.Result, plan: Plan?, asOf: Date, environment: [String: String]) async -> Bool {
        guard let plan else { return await sendMail(result, links: nil, aws: nil, environment: environment) }
        var logger = Logger(label: "macie-report")
        logger.logLevel = Logger.Level(rawValue: live.logLevel.lowercased()) ?? .error
        do {
            return try await withAWSClient(
                plan.settings, maxConnections: 8, stsRegion: plan.bucketRegion ?? mail.sesRegion, logger: logger
            ) { client in
                guard let region = plan.bucketRegion else {
                    return await sendMail(result, links: nil, aws: client, environment: environment)
                }
                return await storeThenMail(result, asOf: asOf, client: client, region: region, environment: environment)
            }
        } catch {
            // No client at all (a CA bundle that cannot be read): a mail that needs none still goes.
            Console.error("\(s3.isUsed ? "reports not stored in S3" : "mail not delivered"): \(error)")
            if s3.isUsed, mail.isUsed, !mail.mailLinks, mail.sesRegion == nil {
                _ = await sendMail(result, links: nil, aws: nil, environment: environment)
            }
            return false
        }
    }

    private func storeThenMail(
        _ result: ReportPipeline.Result, asOf: Date, client: AWSClient, region: String, environment: [String: String]
    ) async -> Bool {
        let stored: (storage: ReportStorage, reports: [StoredReport])
        do {
            stored = try await store(result, asOf: asOf, client: client, region: region)
        } catch {
            Console.error("reports not stored in S3: \(error)")
            if mail.isUsed, mail.mailLinks {
                Console.error("mail not sent: its links are to the reports in S3, which were not all stored")
            } else if mail.isUsed {
                _ = await sendMail(result, links: nil, aws: client, environment: environment)
            }
            return false
        }
        guard mail.isUsed, mail.mailLinks else { return await sendMail(result, links: nil, aws: client, environment: environment) }
        do {
            let links = try await stored.storage.links(to: stored.reports, seconds: mail.linkExpirySeconds)
            return await sendMail(result, links: links, aws: client, environment: environment)
        } catch {
            Console.error("mail not sent: the reports are stored in S3, but their links could not be signed: \(error)")
            return false
        }
    }

    private func store(
        _ result: ReportPipeline.Result, asOf: Date, client: AWSClient, region: String
    ) async throws -> (storage: ReportStorage, reports: [StoredReport]) {
        guard let (location, encryption) = try s3.parsed() else { throw ValidationError("--s3-uri is missing") }
        let bucket = S3Client(client: client, region: region)
        let storage = ReportStorage(
            uploader: ReportUploader(s3: bucket, location: location, encryption: encryption, options: s3.uploadOptions),
            s3: bucket, location: location)
        let reports = try await storage.store(result, asOf: asOf)
        if !quiet { print(ReportStorage.line(reports, location: location, asOf: asOf)) }
        Console.info(
            "reports stored",
            [
                "bucket": location.bucket, "prefix": location.prefix(asOf: asOf), "files": reports.count,
                "bytes": reports.reduce(0) { $0 + $1.bytes },
            ])
        return (storage, reports)
    }

    private func sendMail(
        _ result: ReportPipeline.Result, links: [ReportLink]?, aws: AWSClient?, environment: [String: String]
    ) async -> Bool {
        guard mail.isUsed else { return true }
        do {
            try await mail.deliver(MailContent.make(result, links: links), environment: environment, aws: aws)
            return true
        } catch {
            Console.error("mail not delivered: \(error)")
            return false
        }
    }
}

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

    /// Whether there is anything to deliver.
    var isUsed: Bool { s3.isUsed || mail.isUsed }

    /// Delivers `result`; `false` when something asked for was not delivered.
    func run(_ result: ReportPipeline.Result, asOf: Date, environment: [String: String]) async -> Bool {
        guard s3.isUsed || mail.sesRegion != nil else {
            return await sendMail(result, links: nil, aws: nil, environment: environment)
        }
        do {
            let settings = try AWSSettings.resolve(profile: live.profile, endpointURL: live.endpointURL, environment: environment)
            // The bucket's region, when storing; sending through SES alone needs none.
            let region: String? = s3.isUsed ? try bucketRegion(settings) : nil
            var logger = Logger(label: "macie-report")
            logger.logLevel = Logger.Level(rawValue: live.logLevel.lowercased()) ?? .error
            return try await withAWSClient(
                settings, maxConnections: 8, stsRegion: region ?? mail.sesRegion, logger: logger
            ) { client in
                guard let region, s3.isUsed else {
                    return await sendMail(result, links: nil, aws: client, environment: environment)
                }
                let outcome = await store(result, asOf: asOf, client: client, region: region)
                guard let outcome else {
                    if mail.isUsed, mail.mailLinks {
                        Console.error("mail not sent: its links are to the reports in S3, which were not all stored")
                    } else if mail.isUsed {
                        _ = await sendMail(result, links: nil, aws: client, environment: environment)
                    }
                    return false
                }
                return await sendMail(result, links: outcome.links, aws: client, environment: environment)
            }
        } catch {
            Console.error("\(s3.isUsed ? "reports not stored in S3" : "mail not delivered"): \(error)")
            return false
        }
    }

    /// The bucket's region: `--s3-region`, else the run's first region, else the environment's or profile's.
    private func bucketRegion(_ settings: AWSSettings) throws -> String {
        if let region = s3.region { return region }
        do {
            return try settings.regions(explicit: live.regions)[0]
        } catch {
            throw ValidationError("no region for the bucket: give --s3-region, or set AWS_REGION")
        }
    }

    private func store(
        _ result: ReportPipeline.Result, asOf: Date, client: AWSClient, region: String
    ) async -> ReportStorage.Outcome? {
        do {
            guard let (location, encryption) = try s3.parsed() else { return nil }
            let bucket = S3Client(client: client, region: region)
            let storage = ReportStorage(
                uploader: ReportUploader(s3: bucket, location: location, encryption: encryption, options: s3.uploadOptions), s3: bucket,
                location: location)
            let outcome = try await storage.store(result, asOf: asOf, linkSeconds: mail.mailLinks ? mail.linkExpirySeconds : nil)
            if !quiet { print(ReportStorage.line(outcome.stored, location: location, asOf: asOf)) }
            Console.info(
                "reports stored",
                [
                    "bucket": location.bucket, "prefix": location.prefix(asOf: asOf), "files": outcome.stored.count,
                    "bytes": outcome.stored.reduce(0) { $0 + $1.bytes },
                ])
            return outcome
        } catch {
            Console.error("reports not stored in S3: \(error)")
            return nil
        }
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

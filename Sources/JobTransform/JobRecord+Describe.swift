import Foundation
import JobFetch
import Macie2Model

extension JobRecord {
    /// Flattens a described job read in `scope`. `caveats` from the source (a vanished job,
    /// say) are kept, and every enum value the model does not list adds one.
    public init(_ job: DescribeClassificationJobResponse, scope: Scope, caveats: [String] = []) {
        let region = scope.region
        let arn = JobARN(job.jobArn)
        let definitions = job.s3JobDefinition?.bucketDefinitions
        self.init(
            accountId: arn?.accountId, region: region, scopeAccountId: scope.accountId, jobId: job.jobId, name: job.name,
            jobType: job.jobType, jobStatus: job.jobStatus, lastRunErrorStatus: job.lastRunErrorStatus?.code,
            createdAt: job.createdAt, lastRunTime: job.lastRunTime, numberOfRuns: job.statistics?.numberOfRuns,
            jobArn: job.jobArn, schedule: job.scheduleFrequency.flatMap(Self.describe(schedule:)),
            samplingPercentage: job.samplingPercentage,
            bucketCount: definitions.map { $0.reduce(0) { $0 + ($1.buckets?.count ?? 0) } },
            bucketAccounts: Self.uniqueAccounts(definitions ?? []),
            bucketCriteria: job.s3JobDefinition?.bucketCriteria.flatMap(BucketCriteriaText.describe),
            managedDataIdentifierSelector: job.managedDataIdentifierSelector,
            jobPausedAt: job.userPausedDetails?.jobPausedAt, jobExpiresAt: job.userPausedDetails?.jobExpiresAt,
            approximateNumberOfObjectsToProcess: job.statistics?.approximateNumberOfObjectsToProcess,
            tags: job.tags ?? [:], description: job.description, caveats: caveats)
        self.caveats += unknownValueCaveats
        if job.jobArn == nil {
            self.caveats.append("no jobArn, so the account is unknown")
        } else if arn == nil {
            self.caveats.append("jobArn is not a Macie2 job ARN, so the account is unknown")
        } else if let arnRegion = arn?.region, arnRegion != region {
            self.caveats.append("jobArn names region \(arnRegion) but the job was found in \(region)")
        }
    }

    /// Flattens a job as a source handed it on, its log events included: an event type
    /// Macie's documentation does not list, an unreadable message, and reading stopped at
    /// the event limit each add a caveat.
    public init(_ sourced: SourcedJob, scope: Scope) {
        self.init(sourced.job, scope: scope, caveats: sourced.caveats)
        findings = sourced.findings
        guard let errors = JobLastRunErrors(sourced.logs, runStart: sourced.job.lastRunTime, jobStatus: sourced.job.jobStatus)
        else { return }
        lastRunErrors = errors
        for entry in errors.types where !entry.type.isKnown {
            caveats.append("log eventType \"\(entry.type.rawValue)\" is not in Macie's documentation; shown as sent")
        }
        if errors.unparsedEvents > 0 {
            caveats.append(
                "\(JobLastRunErrors.count(errors.unparsedEvents, "log event")) could not be read as Macie job events; kept raw in errors.csv"
            )
        }
        if let stopped = errors.stoppedAfter {
            caveats.append("reading its log events stopped after \(stopped) events; more may follow")
        }
    }

    /// Flattens a described job read in `region`, by an account not known.
    public init(_ job: DescribeClassificationJobResponse, region: String, caveats: [String] = []) {
        self.init(job, scope: Scope(region: region), caveats: caveats)
    }

    /// One caveat per enum member whose value the service model does not list.
    var unknownValueCaveats: [String] {
        var caveats: [String] = []
        func check<D>(_ value: ModelEnum<D>?, _ member: String) {
            if let value, !value.isKnown {
                caveats.append("\(member) \"\(value.rawValue)\" is not in the Macie2 model; shown as sent")
            }
        }
        check(jobStatus, "jobStatus")
        check(jobType, "jobType")
        check(lastRunErrorStatus, "lastRunErrorStatus")
        check(managedDataIdentifierSelector, "managedDataIdentifierSelector")
        return caveats
    }

    static func describe(schedule: JobScheduleFrequency) -> String? {
        if schedule.dailySchedule != nil { return "DAILY" }
        if let weekly = schedule.weeklySchedule {
            return ["WEEKLY", weekly.dayOfWeek?.rawValue].compactMap { $0 }.joined(separator: " ")
        }
        if let monthly = schedule.monthlySchedule {
            return ["MONTHLY", monthly.dayOfMonth.map(String.init)].compactMap { $0 }.joined(separator: " ")
        }
        return nil
    }

    static func uniqueAccounts(_ definitions: [S3BucketDefinitionForJob]) -> [String] {
        var seen = Set<String>()
        return definitions.compactMap(\.accountId).filter { seen.insert($0).inserted }
    }
}

/// The parts of `arn:aws:macie2:us-east-1:123456789012:classification-job/<id>` a report needs.
struct JobARN {
    let region: String
    let accountId: String

    init?(_ arn: String?) {
        guard let arn else { return nil }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "macie2", !parts[4].isEmpty else { return nil }
        region = String(parts[3])
        accountId = String(parts[4])
    }
}

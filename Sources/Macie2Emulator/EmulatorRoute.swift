import Foundation

/// Which API a request is for, decided from the method, path and headers alone, as AWS's front
/// end routes before it looks at credentials. Every service shares one port: S3 and SES v2 are
/// told by the signing name of their credential scope (a bucket may be called `jobs` or
/// `members`, and S3's paths are anything), Macie2 by its REST paths, the JSON 1.1 services by
/// `X-Amz-Target`, STS by its form body.
enum EmulatorRoute: Equatable {
    /// `GET /_emulator/counters`: the emulator's own report, no signature.
    case counters
    /// A Macie2 restJson1 operation.
    case macie2(Macie2Operation)
    /// CloudWatch Logs (`X-Amz-Target: Logs_20140328.…`).
    case logs
    /// Organizations (`X-Amz-Target: AWSOrganizationsV20161128.…`).
    case organizations
    /// STS's query protocol (a form `POST /`).
    case sts
    /// S3 (rest-xml, path-style `/{Bucket}/{Key+}`), signed for `s3`.
    case s3
    /// SES v2 (rest-json, `/v2/email/…`), signed for `ses`.
    case ses
    /// Nothing is served there.
    case unknown

    /// The Macie2 operations served, with what their path carries.
    enum Macie2Operation: Equatable {
        case listClassificationJobs
        case describeClassificationJob(rawJobId: String)
        case getFindingStatistics
        case listMembers

        /// The operation's name in the model, for counters and error messages.
        var name: String {
            switch self {
            case .listClassificationJobs: "ListClassificationJobs"
            case .describeClassificationJob: "DescribeClassificationJob"
            case .getFindingStatistics: "GetFindingStatistics"
            case .listMembers: "ListMembers"
            }
        }
    }

    init(_ request: EmulatorRequest) {
        switch CredentialScope(request)?.service {
        case "s3": self = .s3
        case "ses": self = .ses
        case nil where CredentialScope.isS3SignatureV2(request): self = .s3
        default: self.init(unscoped: request)
        }
    }

    /// The services told apart by path, target or body.
    private init(unscoped request: EmulatorRequest) {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: false)
        switch (request.method, segments.count, segments.dropFirst().first) {
        case ("GET", 3, "_emulator") where segments[2] == "counters": self = .counters
        case ("POST", 3, "jobs") where segments[2] == "list": self = .macie2(.listClassificationJobs)
        case ("GET", 3, "jobs") where !segments[2].isEmpty:
            self = .macie2(.describeClassificationJob(rawJobId: String(segments[2])))
        case ("POST", 3, "findings") where segments[2] == "statistics": self = .macie2(.getFindingStatistics)
        case ("GET", 2, "members"): self = .macie2(.listMembers)
        case ("POST", 2, "") where LogsOperations.operation(request) != nil: self = .logs
        case ("POST", 2, "") where OrganizationsOperations.operation(request) != nil: self = .organizations
        case ("POST", 2, "") where STSOperations.isQuery(request): self = .sts
        default: self = .unknown
        }
    }
}

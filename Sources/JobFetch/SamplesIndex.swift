import Foundation
import JobLogModel

/// A samples folder listed but not read: which files hold each scope's jobs, log events and
/// findings, so a server can read one account's files when it is first asked for them. An
/// organization of 10 000 accounts is some 35 000 files; reading them all before answering
/// would take minutes and gigabytes, and a walk needs one account at a time.
///
/// Listing is fatal as ``SamplesJobSource`` reading is (a missing folder, no scope file at
/// all); a file's own problems surface when that scope is read.
public struct SamplesIndex: Sendable {
    /// The samples folder.
    public let directory: URL
    private let jobFiles: [Scope: [URL]]
    private let logFiles: [Scope: URL]
    private let findingFiles: [Scope: URL]
    private let scopesByAccount: [String?: [Scope]]

    /// Lists `directory` (see ``SamplesLayout`` for what goes where).
    public init(directory: URL) throws {
        let layout = try SamplesLayout.read(directory)
        self.directory = directory
        var jobs: [Scope: [URL]] = [:]
        for file in layout.files { jobs[file.scope, default: []].append(file.url) }
        jobFiles = jobs
        logFiles = layout.logFiles
        findingFiles = layout.findingFiles
        let all = Set(jobs.keys).union(layout.logFiles.keys).union(layout.findingFiles.keys)
        scopesByAccount = Dictionary(grouping: all.sorted(), by: \.accountId)
    }

    /// Every scope with a file of any kind: jobs, log events or findings.
    public var scopes: [Scope] { scopesByAccount.values.flatMap { $0 }.sorted() }

    /// The accounts with a folder of their own, in no order.
    public var accounts: Set<String> { Set(scopesByAccount.keys.compactMap { $0 }) }

    /// The scopes of `account` (`nil`: those recorded without an account), in scope order.
    public func scopes(of account: String?) -> [Scope] { scopesByAccount[account] ?? [] }

    /// The scope's jobs with their recorded bytes; none when it has no file.
    public func jobs(_ scope: Scope) throws -> [RecordedJob] {
        try (jobFiles[scope] ?? []).flatMap { try SampleFile($0, scope: scope).recordedJobs() }
    }

    /// The scope's log events by job id; `nil` when it was recorded without them.
    public func logs(_ scope: Scope) throws -> [String: JobLogs]? { try logFiles[scope].map(JobLogsFile.read) }

    /// The scope's finding counts; `nil` when it has no findings file.
    public func findings(_ scope: Scope) throws -> [FindingCount]? { try findingFiles[scope].map(FindingsFile.read) }
}

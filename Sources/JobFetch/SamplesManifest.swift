import FileInput
import Foundation

/// `scopes.json` in a samples folder: what a recorded walk found besides the jobs' bodies, so
/// a replay reports exactly what the live run did. Written by `--save-samples`; a folder
/// without it (hand-made, or from before it existed) has no gaps and no caveats.
///
/// ```json
/// {"format": "macie-report samples", "version": 1,
///  "scopes": [{"accountId": "111122223333", "region": "eu-west-1",
///              "gap": {"reason": "access denied ...", "listIsComplete": false},
///              "caveats": [{"job": 3, "caveats": ["vanished between ..."]}]}]}
/// ```
///
/// `job` is the index in the scope's file. Each later data source (job logs, findings,
/// accounts) adds members of its own; a reader ignores members it does not know.
public struct SamplesManifest: Codable, Sendable, Equatable {
    /// The manifest's name in a samples folder; its presence also marks a folder `--save-samples` may replace.
    public static let fileName = "scopes.json"
    /// The `format` every manifest carries; a file with another value is refused as not ours.
    public static let formatName = "macie-report samples"
    /// The newest manifest version this build reads, and the one it writes; a newer file is refused.
    public static let version = 1

    /// ``formatName`` in every valid manifest.
    public var format: String
    /// The version the file was written in; reading refuses one newer than this build's.
    public var version: Int
    /// One entry per scope the walk visited, in scope order when written.
    public var scopes: [Entry]

    /// A manifest of this build's format and version.
    public init(scopes: [Entry]) {
        format = Self.formatName
        version = Self.version
        self.scopes = scopes
    }

    /// One scope of the recorded walk.
    public struct Entry: Codable, Sendable, Equatable {
        /// The scope's account; `nil` (left out of the file) when the walk did not know it.
        public var accountId: String?
        /// The scope's region; an entry without one is refused.
        public var region: String
        /// Why the scope was not read completely; `nil` when it was.
        public var gap: Gap?
        /// Why some jobs' log events could not be read there; `nil` when all were (or none were wanted).
        public var logsGap: Gap?
        /// Why the finding counts could not be read there; `nil` when they were (or were not looked up).
        public var findingsGap: Gap?
        /// Caveats by job index in the scope's file; only jobs that have some.
        public var caveats: [Int: [String]]
        /// The scope's ``ScopeState`` raw value (`macie-off`, `role-denied`, ...); absent
        /// means as the gap implies. A value this build does not know is read as the gap implies.
        public var state: String?
        /// The account's name, when the walk learnt it.
        public var accountName: String?

        /// The entry for `scope`; of `gap` only the reason and the list's completeness are kept.
        public init(
            scope: Scope, gap: ScopeGap?, logsGap: ScopeGap? = nil, findingsGap: ScopeGap? = nil, caveats: [Int: [String]]
        ) {
            accountId = scope.accountId
            region = scope.region
            self.gap = gap.map { Gap(reason: $0.reason, listIsComplete: $0.listIsComplete) }
            self.logsGap = logsGap.map { Gap(reason: $0.reason, listIsComplete: $0.listIsComplete) }
            self.findingsGap = findingsGap.map { Gap(reason: $0.reason, listIsComplete: true) }
            self.caveats = caveats
        }

        /// The ``Scope`` this entry describes.
        public var scope: Scope { Scope(accountId: accountId, region: region) }

        func gap(_ scope: Scope) -> ScopeGap? {
            gap.map { ScopeGap(scope: scope, reason: $0.reason, listIsComplete: $0.listIsComplete) }
        }

        func logsGap(_ scope: Scope) -> ScopeGap? {
            logsGap.map { ScopeGap(scope: scope, reason: $0.reason, listIsComplete: true) }
        }

        /// The recorded state, when it is one this build knows.
        var scopeState: ScopeState? { state.flatMap(ScopeState.init(rawValue:)) }

        func findingsGap(_ scope: Scope) -> ScopeGap? {
            findingsGap.map { ScopeGap(scope: scope, reason: $0.reason, listIsComplete: true) }
        }

        enum CodingKeys: String, CodingKey { case accountId, accountName, region, state, gap, logsGap, findingsGap, caveats }
        struct JobCaveats: Codable {
            var job: Int
            var caveats: [String]
        }

        /// Reads `caveats` from its list form: an absent list is none, and a job index given twice has both
        /// caveat lists joined.
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            accountId = try container.decodeIfPresent(String.self, forKey: .accountId)
            accountName = try container.decodeIfPresent(String.self, forKey: .accountName)
            state = try container.decodeIfPresent(String.self, forKey: .state)
            region = try container.decode(String.self, forKey: .region)
            gap = try container.decodeIfPresent(Gap.self, forKey: .gap)
            logsGap = try container.decodeIfPresent(Gap.self, forKey: .logsGap)
            findingsGap = try container.decodeIfPresent(Gap.self, forKey: .findingsGap)
            let list = try container.decodeIfPresent([JobCaveats].self, forKey: .caveats) ?? []
            caveats = Dictionary(list.map { ($0.job, $0.caveats) }, uniquingKeysWith: { $0 + $1 })
        }

        /// Writes `caveats` as a list sorted by job index, and leaves it out when there are none.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(accountId, forKey: .accountId)
            try container.encodeIfPresent(accountName, forKey: .accountName)
            try container.encodeIfPresent(state, forKey: .state)
            try container.encode(region, forKey: .region)
            try container.encodeIfPresent(gap, forKey: .gap)
            try container.encodeIfPresent(logsGap, forKey: .logsGap)
            try container.encodeIfPresent(findingsGap, forKey: .findingsGap)
            if !caveats.isEmpty {
                try container.encode(caveats.keys.sorted().map { JobCaveats(job: $0, caveats: caveats[$0]!) }, forKey: .caveats)
            }
        }
    }

    /// A ``ScopeGap`` as stored, without its scope (the entry's).
    public struct Gap: Codable, Sendable, Equatable {
        /// The gap's one-line reason, as the live run gave it.
        public var reason: String
        /// Whether only describing failed; see ``ScopeGap/listIsComplete``.
        public var listIsComplete: Bool
    }

    /// Reads `scopes.json` from `directory`; `nil` when there is none.
    static func read(in directory: URL) throws -> SamplesManifest? {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let manifest: SamplesManifest
        do {
            manifest = try JSONDecoder().decode(
                SamplesManifest.self, from: UserFile.read(url.path, what: "samples manifest", limit: 256 << 20))
        } catch let error as DecodingError {
            throw SourceError("samples manifest \(url.path) is not a macie-report samples manifest: \(Self.describe(error))")
        } catch let error as FileInputError {
            throw SourceError(error.description, cause: error)
        } catch {
            throw SourceError("cannot read samples manifest \(url.path): \(error.localizedDescription)", cause: error)
        }
        guard manifest.format == formatName else {
            throw SourceError("samples manifest \(url.path) has format \"\(manifest.format)\", not \"\(formatName)\"")
        }
        guard manifest.version <= version else {
            throw SourceError(
                "samples manifest \(url.path) is version \(manifest.version), newer than this macie-report reads (\(version)); upgrade macie-report"
            )
        }
        return manifest
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "member \((context.codingPath + [key]).map(\.stringValue).joined(separator: ".")) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "malformed JSON" : "member \(path) has the wrong type"
        @unknown default:
            return "\(error)"
        }
    }
}

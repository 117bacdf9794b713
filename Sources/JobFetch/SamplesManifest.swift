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
    public static let fileName = "scopes.json"
    public static let formatName = "macie-report samples"
    public static let version = 1

    public var format: String
    public var version: Int
    public var scopes: [Entry]

    public init(scopes: [Entry]) {
        format = Self.formatName
        version = Self.version
        self.scopes = scopes
    }

    /// One scope of the recorded walk.
    public struct Entry: Codable, Sendable, Equatable {
        public var accountId: String?
        public var region: String
        public var gap: Gap?
        /// Caveats by job index in the scope's file; only jobs that have some.
        public var caveats: [Int: [String]]

        public init(scope: Scope, gap: ScopeGap?, caveats: [Int: [String]]) {
            accountId = scope.accountId
            region = scope.region
            self.gap = gap.map { Gap(reason: $0.reason, listIsComplete: $0.listIsComplete) }
            self.caveats = caveats
        }

        public var scope: Scope { Scope(accountId: accountId, region: region) }

        func gap(_ scope: Scope) -> ScopeGap? {
            gap.map { ScopeGap(scope: scope, reason: $0.reason, listIsComplete: $0.listIsComplete) }
        }

        enum CodingKeys: String, CodingKey { case accountId, region, gap, caveats }
        struct JobCaveats: Codable {
            var job: Int
            var caveats: [String]
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            accountId = try container.decodeIfPresent(String.self, forKey: .accountId)
            region = try container.decode(String.self, forKey: .region)
            gap = try container.decodeIfPresent(Gap.self, forKey: .gap)
            let list = try container.decodeIfPresent([JobCaveats].self, forKey: .caveats) ?? []
            caveats = Dictionary(list.map { ($0.job, $0.caveats) }, uniquingKeysWith: { $0 + $1 })
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(accountId, forKey: .accountId)
            try container.encode(region, forKey: .region)
            try container.encodeIfPresent(gap, forKey: .gap)
            if !caveats.isEmpty {
                try container.encode(caveats.keys.sorted().map { JobCaveats(job: $0, caveats: caveats[$0]!) }, forKey: .caveats)
            }
        }
    }

    public struct Gap: Codable, Sendable, Equatable {
        public var reason: String
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

import Foundation
import JobFetch

/// Scopes and region lists as the history stores them: JSON text, readable with the sqlite3
/// shell. A value that does not parse is an error naming the run, never an empty list: an
/// empty list would silently turn every job of the next run into a new one.
enum StoredScope {
    private struct Stored: Codable {
        var accountId: String?
        var region: String
    }

    static func json(_ scopes: [Scope]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let stored = scopes.sorted().map { Stored(accountId: $0.accountId, region: $0.region) }
        return String(decoding: try encoder.encode(stored), as: UTF8.self)
    }

    static func scopes(_ text: String, run: Int64) throws -> [Scope] {
        do {
            return try JSONDecoder().decode([Stored].self, from: Data(text.utf8)).map {
                Scope(accountId: $0.accountId, region: $0.region)
            }
        } catch {
            throw HistoryError.damaged("run \(run) has scopes that do not parse (\(text.prefix(60)))")
        }
    }

    static func regions(_ text: String, run: Int64) throws -> [String] {
        do {
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        } catch {
            throw HistoryError.damaged("run \(run) has regions that do not parse (\(text.prefix(60)))")
        }
    }
}

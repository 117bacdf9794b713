import Foundation

/// The opaque `nextToken`: where the next page starts, bound to the query that made it, so a
/// token replayed with another filter is refused rather than silently skipping jobs. Each
/// token also carries a serial number, so an empty page's token differs from the one that
/// asked for it, as the real service's do (SDK paginators treat a repeated token as a loop).
struct PageToken: Codable, Equatable {
    var offset: Int
    var query: String
    var serial: Int = 0
    /// FilterLogEvents only: how many empty pages have been served at `offset` (`--logs-empty-pages`).
    var emptyPages: Int?

    var encoded: String {
        let json = (try? JSONEncoder().encode(self)) ?? Data()
        return Data("macie2-emulator:".utf8 + json).base64EncodedString()
    }

    init(offset: Int, query: String, serial: Int, emptyPages: Int? = nil) {
        self.offset = offset
        self.query = query
        self.serial = serial
        self.emptyPages = emptyPages
    }

    init?(_ token: String) {
        guard let data = Data(base64Encoded: token), data.starts(with: Data("macie2-emulator:".utf8)),
            let decoded = try? JSONDecoder().decode(PageToken.self, from: data.dropFirst(16)),
            decoded.offset >= 0, decoded.offset < Int.max / 2, (decoded.emptyPages ?? 0) >= 0
        else { return nil }
        self = decoded
    }
}

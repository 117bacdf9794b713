import Foundation
import JobLogModel

/// CloudWatch Logs' FilterLogEvents as the emulator speaks it: the JSON 1.1 protocol (`POST /`
/// with `X-Amz-Target: Logs_20140328.FilterLogEvents`), errors as `{"__type", "message"}` with
/// HTTP 400, as botocore and our client parse them. Only Macie's log group exists, holding
/// one stream per job, as the samples recorded them.
enum LogsOperations {
    static let targetPrefix = "Logs_20140328."
    static let contentType = "application/x-amz-json-1.1"
    /// The most events a page holds, and the default `limit` (logs-service-2.json's EventsLimit).
    static let maxLimit = 10_000

    /// The operation a JSON 1.1 request names (`FilterLogEvents`), or `nil` for a request of another protocol.
    static func operation(_ request: EmulatorRequest) -> String? {
        let target = request.headers.first { $0.name.lowercased() == "x-amz-target" }?.value ?? ""
        return target.hasPrefix(targetPrefix) ? String(target.dropFirst(targetPrefix.count)) : nil
    }

    /// A JSON 1.1 error: the type in the body's `__type` and in `x-amzn-ErrorType`.
    static func error(_ type: String, _ message: String, status: Int = 400) -> EmulatorResponse {
        let body =
            (try? JSONSerialization.data(withJSONObject: ["__type": type, "message": message], options: [.sortedKeys])) ?? Data()
        return EmulatorResponse(
            status: status, headers: [("Content-Type", contentType), ("x-amzn-ErrorType", type)], body: Array(body))
    }

    static func json(_ body: some Sequence<UInt8>) -> EmulatorResponse {
        EmulatorResponse(status: 200, headers: [("Content-Type", contentType)], body: Array(body))
    }

    /// The request members FilterLogEvents reads; those the emulator cannot honour
    /// (`filterPattern`, `logGroupIdentifier` as an ARN of another group) are refused, not ignored.
    struct Input: Decodable {
        var logGroupName: String?
        var logGroupIdentifier: String?
        var logStreamNames: [String]?
        var logStreamNamePrefix: String?
        var startTime: Int64?
        var endTime: Int64?
        var filterPattern: String?
        var nextToken: String?
        var limit: Int?
        var interleaved: Bool?
        var unmask: Bool?
    }

    /// How the emulator pages events: `emptyPages` empty pages (each with a token) before
    /// each job's events, and at most `pageSize` events a page.
    struct Paging {
        var emptyPages = 0
        var pageSize = LogsOperations.maxLimit
    }

    /// One page of FilterLogEvents over `store` (one region's streams), or the error the
    /// service would send. `serial` numbers the tokens, so an empty page's token differs
    /// from the one that asked for it.
    static func filterLogEvents(
        _ body: [UInt8], store: LogEventStore?, paging: Paging, serial: () -> Int
    ) -> EmulatorResponse {
        let input: Input
        do {
            input = try JSONDecoder().decode(Input.self, from: Data(body.isEmpty ? Array("{}".utf8) : body))
        } catch {
            return Self.error("SerializationException", "The request body is not a FilterLogEvents request: \(error)")
        }
        if let problem = invalid(input) { return Self.error("InvalidParameterException", problem) }
        let group = input.logGroupName ?? groupName(fromIdentifier: input.logGroupIdentifier ?? "")
        guard group == JobLogs.logGroupName, let store else {
            return Self.error("ResourceNotFoundException", "The specified log group does not exist.")
        }
        let matched = store.events(
            streams: input.logStreamNames, prefix: input.logStreamNamePrefix, from: input.startTime, to: input.endTime)
        let query = fingerprint(input)
        var offset = 0
        var emptiesServed = 0
        if let token = input.nextToken {
            guard let page = PageToken(token), page.query == query, page.offset >= 0, page.offset <= matched.count else {
                return Self.error("InvalidParameterException", "The specified nextToken is invalid.")
            }
            offset = page.offset
            emptiesServed = page.emptyPages ?? 0
        }
        func token(_ offset: Int, empties: Int) -> String {
            PageToken(offset: offset, query: query, serial: serial(), emptyPages: empties).encoded
        }
        // A job's events start here: at the first event, or where the stream changes.
        let startsAJob =
            offset == 0 || (offset < matched.count && matched[offset - 1].logStreamName != matched[offset].logStreamName)
        if startsAJob && emptiesServed < paging.emptyPages {
            return page([], nextToken: token(offset, empties: emptiesServed + 1))
        }
        let size = min(input.limit ?? maxLimit, max(1, paging.pageSize))
        var end = offset
        while end < matched.count && end - offset < size {
            // With empty pages asked for, a page stops where the next job's events begin.
            if paging.emptyPages > 0, end > offset, matched[end].logStreamName != matched[offset].logStreamName { break }
            end += 1
        }
        return page(Array(matched[offset..<end]), nextToken: end < matched.count ? token(end, empties: 0) : nil)
    }

    private static func page(_ events: [FilteredLogEvent], nextToken: String?) -> EmulatorResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json((try? encoder.encode(FilterLogEventsResponse(events: events, nextToken: nextToken))) ?? Data())
    }

    /// What the service says about a request it refuses before looking at the group.
    static func invalid(_ input: Input) -> String? {
        if input.logGroupName == nil && input.logGroupIdentifier == nil {
            return "You must include either logGroupIdentifier or logGroupName, but not both."
        }
        if input.logGroupName != nil && input.logGroupIdentifier != nil {
            return "You must include either logGroupIdentifier or logGroupName, but not both."
        }
        if input.logStreamNames != nil && input.logStreamNamePrefix != nil {
            return "logStreamNames and logStreamNamePrefix are mutually exclusive."
        }
        if let names = input.logStreamNames, !(1...100).contains(names.count) {
            return
                "1 validation error detected: Value at 'logStreamNames' failed to satisfy constraint: Member must have length between 1 and 100"
        }
        if let limit = input.limit, !(1...maxLimit).contains(limit) {
            return
                "1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value between 1 and \(maxLimit)"
        }
        if let start = input.startTime, let end = input.endTime, start > end {
            return "startTime (\(start)) must not be after endTime (\(end))."
        }
        if let pattern = input.filterPattern, !pattern.isEmpty {
            return "macie2-emulator does not evaluate filterPattern; leave it out to read every event."
        }
        return nil
    }

    /// `name` or `arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]` as the group's name.
    static func groupName(fromIdentifier identifier: String) -> String {
        guard identifier.hasPrefix("arn:"), let range = identifier.range(of: ":log-group:") else { return identifier }
        let name = identifier[range.upperBound...]
        return String(name.hasSuffix(":*") ? name.dropLast(2) : name)
    }

    /// Binds page tokens to the streams and times they were made for.
    static func fingerprint(_ input: Input) -> String {
        let parts = [
            input.logGroupName ?? input.logGroupIdentifier ?? "", (input.logStreamNames ?? []).joined(separator: "\u{1f}"),
            input.logStreamNamePrefix ?? "", input.startTime.map(String.init) ?? "", input.endTime.map(String.init) ?? "",
        ]
        return "logs:" + String(FaultState.fnv1a(parts.joined(separator: "\u{1e}")), radix: 16)
    }
}

/// CloudWatch Logs' FilterLogEvents (`logs-service-2.json`, JSON 1.1), the members the job
/// log lookup sends and reads. The emulator decodes the same request and encodes the same
/// answer, so both sides share one spelling of the wire format.
public struct FilterLogEventsRequest: Codable, Sendable, Equatable {
    public var logGroupName: String?
    public var logStreamNames: [String]?
    /// Milliseconds since 1970; events before it are not returned.
    public var startTime: Int64?
    public var endTime: Int64?
    public var nextToken: String?
    /// 1 to 10 000 events a page; the service may return fewer, or none, and still a token.
    public var limit: Int?

    public init(
        logGroupName: String? = nil, logStreamNames: [String]? = nil, startTime: Int64? = nil, endTime: Int64? = nil,
        nextToken: String? = nil, limit: Int? = nil
    ) {
        self.logGroupName = logGroupName
        self.logStreamNames = logStreamNames
        self.startTime = startTime
        self.endTime = endTime
        self.nextToken = nextToken
        self.limit = limit
    }
}

/// One page of FilterLogEvents. Paging ends only when `nextToken` is absent: a page may be
/// partly full or empty and still carry one.
public struct FilterLogEventsResponse: Codable, Sendable, Equatable {
    public var events: [FilteredLogEvent]?
    public var nextToken: String?

    public init(events: [FilteredLogEvent]?, nextToken: String? = nil) {
        self.events = events
        self.nextToken = nextToken
    }
}

/// A log event as FilterLogEvents returns it; samples record events in this form.
public struct FilteredLogEvent: Codable, Sendable, Hashable {
    public var logStreamName: String?
    /// Milliseconds since 1970 when the event occurred.
    public var timestamp: Int64?
    /// For Macie's job events, a JSON object (see ``MacieJobEvent``); kept as sent.
    public var message: String?
    public var ingestionTime: Int64?
    public var eventId: String?

    public init(
        logStreamName: String? = nil, timestamp: Int64? = nil, message: String? = nil, ingestionTime: Int64? = nil,
        eventId: String? = nil
    ) {
        self.logStreamName = logStreamName
        self.timestamp = timestamp
        self.message = message
        self.ingestionTime = ingestionTime
        self.eventId = eventId
    }
}

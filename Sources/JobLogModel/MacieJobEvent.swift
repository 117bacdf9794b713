import Foundation

/// The JSON object Macie writes as each log event's `message` in the log group
/// `/aws/macie/classificationjobs`, one stream per job named by its id.
///
/// Every member is optional: a message that lacks some is kept with what it has; one that
/// is not a JSON object, or has no `eventType`, is not a Macie job event and is kept raw
/// (see ``JobErrorEvent``). Times stay the text Macie wrote (ISO 8601 with microseconds),
/// so a report shows them exactly.
public struct MacieJobEvent: Codable, Sendable, Hashable {
    public var adminAccountId: String?
    public var jobId: String?
    public var jobName: String?
    public var eventType: String?
    public var occurredAt: String?
    public var description: String?
    public var runDate: String?
    /// The S3 operation that failed, for example `ListObjectsV2`.
    public var operation: String?
    public var affectedAccount: String?
    public var affectedResource: AffectedResource?

    /// The bucket (or other resource) an error was about.
    public struct AffectedResource: Codable, Sendable, Hashable {
        /// `S3_BUCKET_NAME` in every event Macie documents.
        public var type: String?
        public var value: String?

        public init(type: String?, value: String?) {
            self.type = type
            self.value = value
        }
    }

    public init(
        adminAccountId: String? = nil, jobId: String? = nil, jobName: String? = nil, eventType: String? = nil,
        occurredAt: String? = nil, description: String? = nil, runDate: String? = nil, operation: String? = nil,
        affectedAccount: String? = nil, affectedResource: AffectedResource? = nil
    ) {
        self.adminAccountId = adminAccountId
        self.jobId = jobId
        self.jobName = jobName
        self.eventType = eventType
        self.occurredAt = occurredAt
        self.description = description
        self.runDate = runDate
        self.operation = operation
        self.affectedAccount = affectedAccount
        self.affectedResource = affectedResource
    }

    /// The message's event, or `nil` when it is not a JSON object with an `eventType`
    /// string. Members of the wrong type are dropped one by one rather than losing the event.
    public static func parse(_ message: String) -> MacieJobEvent? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(message.utf8))) as? [String: Any],
            let type = object["eventType"] as? String
        else { return nil }
        func text(_ key: String) -> String? { object[key] as? String }
        let resource = (object["affectedResource"] as? [String: Any]).map {
            AffectedResource(type: $0["type"] as? String, value: $0["value"] as? String)
        }
        return MacieJobEvent(
            adminAccountId: text("adminAccountId"), jobId: text("jobId"), jobName: text("jobName"), eventType: type,
            occurredAt: text("occurredAt"), description: text("description"), runDate: text("runDate"),
            operation: text("operation"), affectedAccount: text("affectedAccount"), affectedResource: resource)
    }
}

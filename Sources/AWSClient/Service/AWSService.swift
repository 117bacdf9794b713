/// What the client needs to know of an AWS service to call it: how to sign for it, where it
/// lives, and how it speaks. The values come from the SDK's service model (`metadata` in
/// `*-service-2.json`); each service module declares its own.
public struct AWSService: Sendable, Hashable {
    /// The SigV4 signing name (`metadata.signingName`, else the endpoint prefix).
    public var signingName: String
    /// The first label of the regional host: `macie2` in `macie2.us-east-1.amazonaws.com`.
    public var endpointPrefix: String
    /// The SDK's service id (`metadata.serviceId`), which names the service's own endpoint
    /// variable: `AWS_ENDPOINT_URL_` + upper case, spaces as underscores (`CloudWatch Logs`
    /// → `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`).
    public var serviceId: String
    /// How requests and error answers are shaped; it decides how an error answer is read.
    public var wireProtocol: AWSProtocol
    /// Signs by S3's rules: the path as sent (not normalised, not encoded again) and the
    /// payload's hash in a signed `x-amz-content-sha256` header, which S3 requires and checks
    /// against the body it receives.
    public var signsLikeS3: Bool

    /// Values from the service model's `metadata`, taken as given.
    public init(
        signingName: String, endpointPrefix: String, serviceId: String, wireProtocol: AWSProtocol, signsLikeS3: Bool = false
    ) {
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.serviceId = serviceId
        self.wireProtocol = wireProtocol
        self.signsLikeS3 = signsLikeS3
    }

    /// The service's own endpoint variable, `AWS_ENDPOINT_URL_<SERVICE ID>`.
    public var endpointVariable: String {
        "AWS_ENDPOINT_URL_"
            + serviceId.uppercased().replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "-", with: "_")
    }
}

extension AWSService {
    /// AWS Security Token Service: the caller's identity, and roles (awsQuery, XML answers).
    public static let sts = AWSService(
        signingName: "sts", endpointPrefix: "sts", serviceId: "STS", wireProtocol: .query(apiVersion: "2011-06-15"))
}

/// How a service's requests and errors are shaped on the wire (the model's `protocol`).
public enum AWSProtocol: Sendable, Hashable {
    /// `rest-json`: the operation is in the method and path, bodies are JSON, the error's
    /// type is in `x-amzn-ErrorType` (Macie2, SES v2).
    case restJSON
    /// `json` 1.1: `POST /` with `X-Amz-Target: <targetPrefix>.<Operation>`, the error's type
    /// in the body's `__type` (CloudWatch Logs, Organizations).
    case json(targetPrefix: String)
    /// `query`: a form `POST /` with `Action` and `Version`, XML answers, errors as
    /// `<ErrorResponse><Error><Code>` (STS).
    case query(apiVersion: String)
    /// `rest-xml`: the operation is in the method, path and query, answers are XML or raw
    /// bytes, errors are `<Error><Code>` (S3).
    case restXML
}

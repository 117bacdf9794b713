import Foundation

/// An error as S3 writes it (rest-xml): the HTTP status, and
/// `<Error><Code/><Message/>…<RequestId/></Error>`, with the extra elements some codes carry
/// (`BucketName`, `Key`, `UploadId`, the two hashes of a payload mismatch), which SDKs show.
/// A HEAD request gets the status alone, as S3 sends no body to a HEAD.
struct S3Error: Error, Equatable {
    /// S3's error code (`NoSuchBucket`, `EntityTooSmall`, …), which SDKs raise by name.
    let code: String
    /// The HTTP status S3 sends with the code.
    let status: Int
    /// S3's wording.
    let message: String
    /// More elements, in order, after `Message`.
    var details: [(name: String, value: String)] = []

    static func == (lhs: S3Error, rhs: S3Error) -> Bool {
        lhs.code == rhs.code && lhs.status == rhs.status && lhs.message == rhs.message
            && lhs.details.map(\.name) == rhs.details.map(\.name) && lhs.details.map(\.value) == rhs.details.map(\.value)
    }

    /// The answer: XML body (none for HEAD), `Content-Type: application/xml`, `x-amz-request-id`.
    func response(requestId: String, head: Bool) -> EmulatorResponse {
        let elements = [("Code", code), ("Message", message)] + details + [("RequestId", requestId)]
        let xml =
            #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<Error>"
            + elements.map { "<\($0.0)>\(S3XML.escape($0.1))</\($0.0)>" }.joined() + "</Error>"
        return EmulatorResponse(
            status: status, headers: [("Content-Type", "application/xml"), ("x-amz-request-id", requestId)],
            body: head ? [] : Array(xml.utf8))
    }

    static func noSuchBucket(_ bucket: String) -> S3Error {
        S3Error(
            code: "NoSuchBucket", status: 404, message: "The specified bucket does not exist",
            details: [("BucketName", bucket)])
    }

    static func noSuchKey(_ key: String) -> S3Error {
        S3Error(code: "NoSuchKey", status: 404, message: "The specified key does not exist.", details: [("Key", key)])
    }

    static func noSuchUpload(_ uploadId: String) -> S3Error {
        S3Error(
            code: "NoSuchUpload", status: 404,
            message:
                "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
            details: [("UploadId", uploadId)])
    }

    static func invalidPart(_ number: Int, _ etag: String) -> S3Error {
        S3Error(
            code: "InvalidPart", status: 400,
            message:
                "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.",
            details: [("PartNumber", String(number)), ("ETag", etag)])
    }

    static let invalidPartOrder = S3Error(
        code: "InvalidPartOrder", status: 400,
        message: "The list of parts was not in ascending order. The parts list must be specified in order by part number.")

    static func entityTooSmall(size: Int, minimum: Int, part: Int, etag: String) -> S3Error {
        S3Error(
            code: "EntityTooSmall", status: 400, message: "Your proposed upload is smaller than the minimum allowed size",
            details: [
                ("ProposedSize", String(size)), ("MinSizeAllowed", String(minimum)), ("PartNumber", String(part)),
                ("ETag", etag),
            ])
    }

    static let malformedXML = S3Error(
        code: "MalformedXML", status: 400,
        message: "The XML you provided was not well-formed or did not validate against our published schema")

    static func invalidArgument(_ message: String, name: String, value: String) -> S3Error {
        S3Error(
            code: "InvalidArgument", status: 400, message: message,
            details: [("ArgumentName", name), ("ArgumentValue", value)])
    }

    static func accessDenied(_ message: String = "Access Denied") -> S3Error {
        S3Error(code: "AccessDenied", status: 403, message: message)
    }

    static let internalError = S3Error(
        code: "InternalError", status: 500, message: "We encountered an internal error. Please try again.")

    static func payloadMismatch(claimed: String, computed: String) -> S3Error {
        S3Error(
            code: "XAmzContentSHA256Mismatch", status: 400,
            message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
            details: [("ClientComputedContentSHA256", claimed), ("S3ComputedContentSHA256", computed)])
    }

    static func notImplemented(_ what: String) -> S3Error {
        S3Error(
            code: "NotImplemented", status: 501,
            message: "A header or operation you provided implies functionality that is not implemented: \(what)")
    }
}

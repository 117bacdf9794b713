import AWSSigV4
import Foundation

/// Who signed a request: the account its credentials belong to, and the identity STS names.
struct Caller {
    /// The account whose dataset the request sees.
    let accountId: String
    /// GetCallerIdentity's `Arn`: the home account's `user/macie-report`, or an assumed-role ARN.
    let arn: String
    /// GetCallerIdentity's `UserId`: the access key id for the base credentials, `AROA…:session` for a role.
    let userId: String
}

/// What a valid signature establishes: the region it was made for and who made it.
struct Authenticated {
    let region: String
    let caller: Caller
}

extension Macie2Service {
    /// The region and caller of a request, or the refusal to send. A key AssumeRole issued
    /// belongs to the role's account and is refused once it has expired; every other accepted
    /// key belongs to the home account. Counts refused signatures and expired tokens.
    func authenticate(_ request: EmulatorRequest, service: String) -> Result<Authenticated, EmulatorResponse.Refusal> {
        let signing = SigningRequest(
            method: request.method, path: request.path, query: SigningRequest.parseQuery(request.query),
            headers: request.headers, payloadHash: SigV4.payloadHash(request.body))
        let region: String
        let accessKeyId: String?
        if let verifier = verifiers?[service] {
            do {
                let verified = try verifier.verify(signing, now: now())
                region = verified.region
                accessKeyId = verified.accessKeyId
            } catch {
                tally.signatureFailures += 1
                let type: String
                switch error.kind {
                case .missing: type = "MissingAuthenticationTokenException"
                case .unknownKey: type = "UnrecognizedClientException"
                case .invalid, .skewed, .expired, .malformedQuery: type = "InvalidSignatureException"
                }
                return .failure(.init(response: .error(type, 403, error.message)))
            }
        } else {
            let scope = CredentialScope(request)
            region = scope?.region ?? defaultRegion
            accessKeyId = scope?.accessKeyId
        }
        return caller(region: region, accessKeyId: accessKeyId)
    }

    /// Who holds `accessKeyId` (a verified key, or under `--accept-any-credentials` the one
    /// claimed): a role session's account until it expires (then ExpiredTokenException, counted),
    /// else the account the key encodes or the home account.
    func caller(region: String, accessKeyId: String?) -> Result<Authenticated, EmulatorResponse.Refusal> {
        guard let key = accessKeyId, let session = sessions.session(key) else {
            let account = foreignAccount(accessKeyId) ?? directory.home
            let caller = Caller(
                accountId: account, arn: "arn:aws:iam::\(account):user/macie-report",
                userId: accessKeyId ?? "AIDAEMULATOR")
            return .success(Authenticated(region: region, caller: caller))
        }
        guard now() < session.expiration else {
            tally.refusals["expiredToken", default: 0] += 1
            return .failure(
                .init(response: .error("ExpiredTokenException", 403, "The security token included in the request is expired")))
        }
        return .success(
            Authenticated(
                region: region, caller: Caller(accountId: session.accountId, arn: session.arn, userId: session.assumedRoleId)))
    }
}

extension Macie2Service {
    /// Under `--accept-any-credentials`, the account a key id another STS issued (moto's, say)
    /// encodes, when this emulator plays that account (it is recorded or has files); `nil`
    /// otherwise, and always when keys are verified.
    func foreignAccount(_ accessKeyId: String?) -> String? {
        guard verifiers == nil, let key = accessKeyId, let account = AccessKeyAccount.account(of: key),
            directory.account(account) != nil || store.hasFiles(for: account)
        else { return nil }
        return account
    }
}

extension EmulatorResponse {
    /// A refused signature or an expired token, as an Error so it can travel in a Result; each
    /// protocol rewords it (STS as XML, the JSON 1.1 services with `__type`).
    struct Refusal: Error {
        let response: EmulatorResponse

        /// The restJson1 error type (`InvalidSignatureException`, `ExpiredTokenException`, …).
        var type: String { response.headers.first { $0.name == "x-amzn-ErrorType" }?.value ?? "InvalidSignatureException" }
        /// The message of the body.
        var message: String {
            ((try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any])?["message"] as? String ?? ""
        }
    }
}

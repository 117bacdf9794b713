import AWSClient
import Macie2Model

extension Macie2Client {
    /// Every account associated with this Macie administrator in this region, of every
    /// relationship status (keep `relationshipStatus == .enabled` ones to walk), read page by
    /// page (a repeated token or endless pages are an error, not a loop).
    ///
    /// Throws `AccountDiscoveryError` saying what to do when the caller may not list members
    /// (not the Macie administrator, Macie not enabled in the region, IAM), when the pages
    /// break off, or when the service fails; the run's own credential problems and setting
    /// errors come through as `AWSError`.
    ///
    /// - Parameter pageLimit: the most pages read: 2000 pages of 25 is 50 000 members, more
    ///   than Macie allows an administrator (10 000).
    public func members(pageLimit: Int = 2000) async throws -> [Member] {
        let operation = "Macie ListMembers in \(region)"
        do {
            return try await AccountPages.collect(operation, pageLimit: pageLimit) { token in
                let page = try await listMembers(nextToken: token)
                return (page.members ?? [], page.nextToken)
            }
        } catch let error as AWSError where error.isCredentialProblem || error.isUsageError {
            throw error
        } catch let error as AWSError where error.isAccessDenied {
            throw AccountDiscoveryError.denied(
                operation, error,
                remedy:
                    "run as the Macie administrator account, with macie2:ListMembers allowed, in a region where Macie is enabled, or name the accounts with --accounts"
            )
        } catch let error as AWSError {
            throw AccountDiscoveryError.failed(operation, error, endpointVariable: Self.service.endpointVariable)
        }
    }
}

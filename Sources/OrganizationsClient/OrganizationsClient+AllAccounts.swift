import AWSClient

extension OrganizationsClient {
    /// Every account of the organization, of every state (keep ``OrganizationAccount/isActive``
    /// ones to walk), read page by page (see `AccountPages`: a repeated token or endless
    /// pages are an error, not a loop).
    ///
    /// Throws `AccountDiscoveryError` saying what to do when the caller may not list the
    /// accounts (only the management account and a delegated administrator may) or is not in
    /// an organization, when the pages break off, or when the service fails; the run's own
    /// credential problems and setting errors come through as `AWSError`.
    ///
    /// - Parameter pageLimit: the most pages read: 5000 pages of 20 is far beyond the
    ///   default quota of 10 accounts and the largest organizations.
    public func allAccounts(pageLimit: Int = 5000) async throws -> [OrganizationAccount] {
        let operation = "Organizations ListAccounts"
        do {
            return try await AccountPages.collect(operation, pageLimit: pageLimit) { token in
                let page = try await listAccounts(nextToken: token)
                return (page.accounts, page.nextToken)
            }
        } catch let error as AWSError where error.isCredentialProblem || error.isUsageError {
            throw error
        } catch let error as AWSError {
            switch error.errorCode {
            case "AWSOrganizationsNotInUseException":
                throw AccountDiscoveryError.notAvailable(
                    operation, error, remedy: "the account is not in an organization; name the accounts with --accounts")
            case _ where error.isAccessDenied:
                throw AccountDiscoveryError.denied(
                    operation, error,
                    remedy:
                        "run from the organization's management account or a delegated administrator with organizations:ListAccounts allowed, or name the accounts with --accounts"
                )
            default:
                throw AccountDiscoveryError.failed(operation, error, endpointVariable: Self.service.endpointVariable)
            }
        }
    }
}

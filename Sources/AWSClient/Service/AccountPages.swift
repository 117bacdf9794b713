/// Follows a list of accounts page by page until the service hands out no token, the one
/// pagination rule of ListAccounts and ListMembers.
///
/// The API docs warn that a page may be empty while more follow, so an empty page never ends
/// the list. A token handed out twice would repeat the same pages for ever, and a service that
/// keeps handing out new ones would never end: both stop the list with
/// ``AccountDiscoveryError/isIncomplete`` instead of looping.
public enum AccountPages {
    /// Every item of every page, in order.
    ///
    /// - Parameters:
    ///   - operation: names the list in the error ("Organizations ListAccounts").
    ///   - pageLimit: the most pages read; more than any real list needs.
    ///   - page: one page for a token (`nil` for the first): its items and the next token.
    public static func collect<Item>(
        _ operation: String, pageLimit: Int, page: (String?) async throws -> (items: [Item], next: String?)
    ) async throws -> [Item] {
        var items: [Item] = []
        var seen = Set<String>()
        var token: String?
        var pages = 0
        repeat {
            guard pages < pageLimit else {
                throw AccountDiscoveryError.incomplete(
                    operation, "was still handing out a token after \(pages) pages (the limit)")
            }
            let answer = try await page(token)
            pages += 1
            items += answer.items
            token = answer.next.flatMap { $0.isEmpty ? nil : $0 }
            if let next = token, !seen.insert(next).inserted {
                throw AccountDiscoveryError.incomplete(operation, "returned the same token twice after \(pages) pages")
            }
        } while token != nil
        return items
    }
}

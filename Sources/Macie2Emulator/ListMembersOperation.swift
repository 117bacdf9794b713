import AWSSigV4
import Foundation
import JobFetch

/// Macie2 ListMembers (`GET /members?onlyAssociated=&maxResults=&nextToken=`): the Macie
/// administrator's member accounts with their `relationshipStatus`, paged.
///
/// - `onlyAssociated`: `true` (the default: "only current member accounts", in the model's
///   words) keeps the accounts whose relationship is current (`Enabled`, `Paused`,
///   `RegionDisabled`, `AccountSuspended`) and leaves out `Created`, `Invited`, `Removed`,
///   `Resigned` and the email-verification states; `false` lists every member. Another value is a
///   ValidationException.
/// - `maxResults`: 1 to 25, as the model's `MaxResults`; the model gives no default, the
///   emulator uses 25.
/// - Each member carries `accountId`, `administratorAccountId`, `masterAccountId` (deprecated,
///   the same), `arn`, `relationshipStatus`, `tags` (empty) and, for an account outside the
///   organization, its `email`. The file records no invitation or update times, so
///   `invitedAt` and `updatedAt` are left out.
enum ListMembersOperation {
    static let maxResults = 25
    /// The relationships `onlyAssociated=true` keeps.
    static let associated: Set<String> = ["Enabled", "Paused", "RegionDisabled", "AccountSuspended"]

    /// One page of `members` (the administrator's, in file order) for `administrator` in `region`.
    static func answer(
        query: String, members: [RecordedAccount], administrator: String, region: String, serial: () -> Int
    ) -> EmulatorResponse {
        let parameters = Dictionary(
            SigningRequest.parseQuery(query).map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let onlyAssociated: Bool
        switch parameters["onlyAssociated"]?.lowercased() {
        case nil, "true": onlyAssociated = true
        case "false": onlyAssociated = false
        case let other?:
            return .error("ValidationException", 400, "onlyAssociated must be true or false, not \(other).")
        }
        var size = maxResults
        if let text = parameters["maxResults"] {
            guard let value = Int(text), (1...maxResults).contains(value) else {
                return .error("ValidationException", 400, "maxResults must be between 1 and \(maxResults).")
            }
            size = value
        }
        let listed = onlyAssociated ? members.filter { associated.contains($0.macieMember ?? "") } : members
        let fingerprint = "ListMembers:\(onlyAssociated)"
        var start = 0
        if let token = parameters["nextToken"] {
            guard let page = PageToken(token), page.query == fingerprint, page.offset <= listed.count else {
                return .error("ValidationException", 400, "The nextToken is invalid or does not belong to this query.")
            }
            start = page.offset
        }
        let end = min(start + size, listed.count)
        let partition = Partition.of(region)
        var answer: [String: Any] = [
            "members": listed[start..<end].map { account -> [String: Any] in
                var member: [String: Any] = [
                    "accountId": account.id, "administratorAccountId": administrator, "masterAccountId": administrator,
                    "arn": "arn:\(partition):macie2:\(region):\(administrator):member/\(account.id)",
                    "relationshipStatus": account.macieMember ?? "", "tags": [String: String](),
                ]
                if !account.inOrganization { member["email"] = account.email }
                return member
            }
        ]
        if end < listed.count { answer["nextToken"] = PageToken(offset: end, query: fingerprint, serial: serial()).encoded }
        return .json(
            (try? JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data())
    }
}

/// How far one account-region was read: one cell of the coverage matrix and the `state`
/// column of coverage.csv (the raw values are the contract).
///
/// Macie being off in a region is a fact about the estate, not a failure: it gets no gap and
/// does not make the run incomplete. Every other state but `ok` comes with a ``ScopeGap``.
public enum ScopeState: String, Sendable, Hashable, CaseIterable {
    /// The jobs were listed (some may have been described only partly; the gap says so).
    case ok
    /// Macie is not enabled in this account and region: there are no jobs to read.
    case macieOff = "macie-off"
    /// The credentials may not list the jobs there (IAM, an SCP).
    case denied
    /// The list failed otherwise (no answer, a malformed answer, a paginator that never ends).
    case failed
    /// The role could not be assumed in the account, so none of its regions was read.
    case roleDenied = "role-denied"

    /// The state a gap implies when the source did not say: recordings made before states
    /// were kept, and sources that only know their gaps. Access denied reads as `denied`.
    public static func implied(by gap: ScopeGap?) -> ScopeState {
        guard let gap, !gap.listIsComplete else { return .ok }
        return gap.reason.hasPrefix("access denied") ? .denied : .failed
    }
}

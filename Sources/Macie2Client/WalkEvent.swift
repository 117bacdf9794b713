/// What the walk reports as it goes, for a progress line on a terminal.
public enum WalkEvent: Sendable {
    /// A list page arrived with this many jobs.
    case listed(region: String, jobs: Int)
    /// The region's list is complete: this many jobs to describe.
    case listComplete(region: String, jobs: Int)
    /// One job was described (or found gone).
    case described(region: String)
    /// One job's log events were read (or found unreadable).
    case logsRead(region: String)
    /// The region is done (or has failed).
    case regionDone(region: String)
}

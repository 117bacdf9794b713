import Foundation
import Macie2Client
import StandardErrorOutput

/// One self-updating line on stderr while the walk runs (only on a terminal, never under
/// --quiet): pages listed, jobs described, retries, and an estimate of the time left.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private var pages = 0
    private var listed = 0
    private var described = 0
    private var toDescribe = 0
    private var regionsDone = 0
    private var logsRead = 0
    private let regions: Int
    private var lastDraw = Date.distantPast
    private var finished = false
    private let retries: @Sendable () async -> Int

    init(regions: Int, retries: @escaping @Sendable () async -> Int) {
        self.regions = regions
        self.retries = retries
    }

    /// Whether stderr is a terminal, where a redrawn line makes sense.
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    func record(_ event: WalkEvent) {
        let line: String? = lock.withLock {
            switch event {
            case .listed(_, let jobs):
                pages += 1
                listed += jobs
            case .listComplete(_, let jobs): toDescribe += jobs
            case .described: described += 1
            case .logsRead: logsRead += 1
            case .regionDone: regionsDone += 1
            }
            guard Date().timeIntervalSince(lastDraw) > 0.2 else { return nil }
            lastDraw = Date()
            let elapsed = Date().timeIntervalSince(start)
            var text =
                "regions \(regionsDone)/\(regions), \(pages) pages, \(listed) jobs listed, \(described)/\(toDescribe) described"
            if logsRead > 0 { text += ", log events of \(logsRead) jobs read" }
            if described > 20, toDescribe > described {
                text += ", about \(Int(elapsed / Double(described) * Double(toDescribe - described)) + 1) s left"
            }
            return text
        }
        guard let line else { return }
        let retries = self.retries
        Task {
            let count = await retries()
            // Never redraw after finish() has cleared the line for the final messages.
            self.lock.withLock {
                guard !self.finished else { return }
                StandardErrorWriter.shared.write("\r\u{1B}[K\(line)\(count > 0 ? ", \(count) retries" : "")")
            }
        }
    }

    /// Clears the line before the final messages.
    func finish() {
        lock.withLock {
            finished = true
            StandardErrorWriter.shared.write("\r\u{1B}[K")
        }
    }
}

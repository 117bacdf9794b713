import Foundation

extension SpawnedProcess {
    /// What happened between us and the child: how it ended, what it read and printed.
    public struct Exchange: Sendable {
        /// The `waitpid` status.
        public var status: Int32
        /// Whether the deadline passed and the group was stopped.
        public var timedOut: Bool
        /// Bytes of the input the child did not read (never written, or left in the pipe).
        public var unread: Int
        /// What the child printed on stdout (and stderr, when merged), capped at `outputLimit`.
        public var output: CappedOutput
    }

    /// Feeds `input` to the child's stdin and reads its output (capped) at the same time,
    /// until it exits; at `timeout` the whole group gets SIGTERM, a second later SIGKILL.
    /// Blocks the calling thread: run it on a thread of its own.
    ///
    /// One `poll` loop rather than a thread per pipe: nothing can block for ever, and after
    /// the child exits its output is still read for up to `drain` (a child it started may
    /// hold the pipe open), then dropped.
    public func exchange(
        _ input: [UInt8], timeout: Duration, drain: Duration = .seconds(2), outputLimit: Int = 4096
    ) -> Exchange {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var output = CappedOutput(limit: outputLimit)
        var written = 0
        var inputOpen = !input.isEmpty
        var outputOpen = true
        var exitedAt: ContinuousClock.Instant?
        var terminatedAt: ContinuousClock.Instant?
        var killed = false
        if input.isEmpty { retire(self.input) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let now = clock.now
            if let exitedAt, !outputOpen || now >= exitedAt + drain { break }
            if exitedAt == nil, terminatedAt == nil, now >= deadline {
                signalGroup(SIGTERM)
                terminatedAt = now
            }
            if exitedAt == nil, !killed, let terminatedAt, now >= terminatedAt + .seconds(1) {
                signalGroup(SIGKILL)
                killed = true
            }
            var fds: [pollfd] = []
            if inputOpen && exitedAt == nil { fds.append(pollfd(fd: self.input, events: Int16(POLLOUT), revents: 0)) }
            if outputOpen { fds.append(pollfd(fd: self.output, events: Int16(POLLIN), revents: 0)) }
            if exitedAt == nil { fds.append(pollfd(fd: exitNotice, events: Int16(POLLIN), revents: 0)) }
            let wake: ContinuousClock.Instant? =
                if let exitedAt { exitedAt + drain } else if let terminatedAt { killed ? nil : terminatedAt + .seconds(1) } else {
                    deadline
                }
            let milliseconds = wake.map { Self.milliseconds(until: $0, from: now) } ?? -1
            guard poll(&fds, nfds_t(fds.count), milliseconds) >= 0 || errno == EINTR else {
                // Cannot happen with valid descriptors; never leave a child running if it does.
                signalGroup(SIGKILL)
                killed = true
                terminatedAt = terminatedAt ?? now
                var byte: UInt8 = 0
                _ = read(exitNotice, &byte, 1)
                break
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == self.input {
                    let count = input.withUnsafeBytes { bytes in
                        write(self.input, bytes.baseAddress! + written, min(bytes.count - written, 65_536))
                    }
                    if count > 0 { written += count }
                    if written == input.count || (count < 0 && errno != EAGAIN && errno != EINTR) {
                        // Closed as soon as all is written: the child reads to end of file.
                        retire(self.input)
                        inputOpen = false
                    }
                } else if entry.fd == self.output {
                    let count = buffer.withUnsafeMutableBytes { read(self.output, $0.baseAddress!, $0.count) }
                    if count > 0 {
                        buffer.withUnsafeBytes { output.append(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
                    } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                        outputOpen = false
                    }
                } else if entry.fd == exitNotice {
                    exitedAt = clock.now
                }
            }
        }
        // Children that ignored SIGTERM go too; the leader has exited, its group may not have.
        if terminatedAt != nil && !killed { signalGroup(SIGKILL) }
        return Exchange(
            status: exitStatus ?? 0, timedOut: terminatedAt != nil, unread: input.count - written + unreadInput,
            output: output)
    }

    /// Closes the pipe end `fd` refers to, leaving `fd` itself open on /dev/null until
    /// `deinit` closes it, so the number is never closed twice or reused under us.
    private func retire(_ fd: Int32) {
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        _ = dup2(null, fd)
        close(null)
    }

    private static func milliseconds(until wake: ContinuousClock.Instant, from now: ContinuousClock.Instant) -> Int32 {
        let (seconds, attoseconds) = max(wake - now, .zero).components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    }
}

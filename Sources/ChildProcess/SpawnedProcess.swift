import Foundation

/// A program started in a process group of its own, its stdin and its stdout + stderr on
/// pipes: for sendmail and `credential_process`, which may start programs of their own.
///
/// Foundation's `Process` cannot start a child in a new group, so when a stuck sendmail was
/// stopped its children lived on, and the run's SIGTERM reached none of them. Here the
/// child is the leader of a new group, and ``signalGroup(_:)`` reaches every process in it.
/// The child also starts with default signal handling and an empty signal mask: ignored
/// signals (SIGPIPE, SIGXFSZ here) would otherwise stay ignored through `exec`.
public final class SpawnedProcess: @unchecked Sendable {
    /// The child's process id, which is also its process group id.
    public let pid: pid_t
    /// Our end of the child's stdin: non-blocking, close-on-exec.
    let input: Int32
    /// Our end of the child's stdout and stderr: non-blocking, close-on-exec.
    let output: Int32
    /// A read end of the stdin pipe held open here, so that the bytes the child never read
    /// can still be counted once it has exited (``unreadInput``).
    private let inputProbe: Int32
    /// Becomes readable when the child has exited (``exitStatus`` is then set).
    let exitNotice: Int32
    private let exitSignal: Int32
    private let lock = NSLock()
    private var status: Int32?

    /// Why the program could not be started (`posix_spawn`'s errno).
    public struct SpawnFailure: Error {
        /// The error number (`ENOENT` for a missing program, `EACCES` for one not executable, `EMFILE` out of
        /// descriptors); `strerror` words it.
        public let errno: Int32
    }

    /// Where the child's stderr goes.
    public enum ErrorOutput: Sendable {
        /// Into the same pipe as stdout, read (and capped) with it.
        case merged
        /// To this process's stderr, as it is (a credential helper's prompts and warnings).
        case inherited
    }

    /// Starts `path` with `arguments` and this process's environment.
    public init(_ path: String, arguments: [String], errorOutput: ErrorOutput = .merged) throws(SpawnFailure) {
        let stdin = try Self.pipe()
        let stdout = try Self.pipe()
        let exit = try Self.pipe()
        var spawned = pid_t()
        let result = Self.spawn(
            path, arguments: arguments, stdin: stdin.read, stdout: stdout.write, mergeStderr: errorOutput == .merged,
            pid: &spawned)
        close(stdout.write)
        guard result == 0 else {
            for fd in [stdin.read, stdin.write, stdout.read, exit.read, exit.write] { close(fd) }
            throw SpawnFailure(errno: result)
        }
        pid = spawned
        input = stdin.write
        inputProbe = stdin.read
        output = stdout.read
        exitNotice = exit.read
        exitSignal = exit.write
        for fd in [input, output] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        let waiter = Thread { [self] in self.waitForExit() }
        waiter.name = "child-wait"
        waiter.start()
    }

    deinit {
        for fd in [input, inputProbe, output, exitNotice, exitSignal] { close(fd) }
    }

    /// How the child ended (a `waitpid` status), once ``exitNotice`` is readable.
    public var exitStatus: Int32? { lock.withLock { status } }

    /// Sends `signal` to every process in the child's group (the child and what it started).
    public func signalGroup(_ signal: Int32) { kill(-pid, signal) }

    /// Bytes written to the child's stdin that nobody read. Meaningful once it has exited.
    var unreadInput: Int {
        var count: Int32 = 0
        return ioctl(inputProbe, UInt(FIONREAD), &count) == 0 ? Int(count) : 0
    }

    private func waitForExit() {
        var waited: Int32 = 0
        while waitpid(pid, &waited, 0) < 0 && errno == EINTR {}
        lock.withLock { status = waited }
        var byte: UInt8 = 1
        _ = write(exitSignal, &byte, 1)
    }

    /// A pipe whose ends are close-on-exec, so only the ends handed over reach the child.
    private static func pipe() throws(SpawnFailure) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard Foundation.pipe(&ends) == 0 else { throw SpawnFailure(errno: errno) }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run
    /// time because Swift does not import GNU extensions: it closes in the child every
    /// descriptor above stderr, also those opened without close-on-exec. Without it such
    /// descriptors are inherited, which costs nothing worse than an open file in sendmail.
    private static let closeFrom: CloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()

    /// `posix_spawn` into a new process group (`setpgid(0, 0)` in the child), stdin and
    /// stdout/stderr on the given descriptors, every other descriptor closed.
    private static func spawn(
        _ path: String, arguments: [String], stdin: Int32, stdout: Int32, mergeStderr: Bool, pid: inout pid_t
    ) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        if mergeStderr { posix_spawn_file_actions_adddup2(&actions, stdout, 2) }
        _ = closeFrom?(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGXFSZ, SIGTERM, SIGINT, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for string in argv + envp { free(string) }
        }
        return posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    }
}

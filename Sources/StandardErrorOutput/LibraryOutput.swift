import CStdioRoute

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What C libraries print with `fprintf(stderr, ...)`, brought under the one
/// ``StandardErrorWriter``.
///
/// libxlsxwriter prints a line of its own when it fails (a zip it cannot write, a temporary
/// file it cannot create) and then returns an error code, which the report turns into a
/// message of its own. Muting file descriptor 2 while it runs would also mute every other
/// thread, including the stop message of SIGTERM. Instead, C stdio's `stderr` stream (never
/// fd 2) is replaced once by a stream that writes through ``StandardErrorWriter/shared``, and
/// ``capturing(_:)`` keeps what the *calling thread* prints during one call, leaving every
/// other thread's output alone.
public enum LibraryOutput {
    /// Routes C stdio's `stderr` through ``StandardErrorWriter/shared``. Call it once at start,
    /// before other threads exist (the executable does, as it bootstraps logging). Calling it
    /// again changes nothing. Returns false where the C library offers no way to do it (then
    /// C libraries keep printing straight to fd 2 and ``capturing(_:)`` captures nothing).
    @discardableResult
    public static func routeThroughSharedWriter() -> Bool {
        stdio_route_install { bytes, count in
            guard let bytes else { return }
            _ = StandardErrorWriter.shared.write(UnsafeRawBufferPointer(start: bytes, count: count))
        } == 0
    }

    /// Runs `body`, keeping what this thread prints through C stdio's `stderr` meanwhile, and
    /// returns it with the result. Installs the route first if nobody has. Other threads'
    /// writes, and writes to fd 2 or ``StandardErrorWriter`` from this thread, are untouched.
    public static func capturing<T>(_ body: () throws -> T) rethrows -> (result: T, printed: String) {
        routeThroughSharedWriter()
        let started = stdio_route_capture_begin() == 0
        let result: T
        do {
            result = try body()
        } catch {
            if started { _ = finish() }
            throw error
        }
        return (result, started ? finish() : "")
    }

    private static func finish() -> String {
        var length = 0
        guard let text = stdio_route_capture_end(&length) else { return "" }
        defer { free(text) }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
    }
}

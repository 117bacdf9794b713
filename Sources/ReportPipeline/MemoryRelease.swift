import Foundation

/// Hands memory freed by the fetch stage back to the system before rendering starts.
///
/// Decoding leaves glibc's heap full of freed pages (every batch of full API responses);
/// without this they stay counted in the process's resident size while the renderers add
/// their own buffers on top. `malloc_trim` is glibc's; it is looked up at run time, so other
/// C libraries simply skip this.
enum MemoryRelease {
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let trim: Trim? = {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: Trim.self)
        #else
            return nil
        #endif
    }()

    static func releaseFreedMemory() {
        _ = trim?(0)
    }
}

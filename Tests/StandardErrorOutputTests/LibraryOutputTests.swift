import Foundation
import StandardErrorOutput
import Testing

/// C libraries' stderr text: captured for one thread during one call, while fd 2 stays where
/// it is for everyone (the muting it replaces pointed fd 2 at /dev/null for the whole process).
@Suite struct LibraryOutputTests {
    /// The device and inode fd 2 refers to.
    static func standardErrorFile() -> [UInt64] {
        var status = stat()
        #expect(fstat(2, &status) == 0)
        return [UInt64(status.st_dev), UInt64(status.st_ino)]
    }

    @Test func fileDescriptor2StaysWhereItIsDuringACapture() {
        let outside = Self.standardErrorFile()
        let (inside, printed) = LibraryOutput.capturing { Self.standardErrorFile() }
        #expect(inside == outside, "fd 2 was redirected during the capture")
        #expect(printed == "")
    }

    @Test func whatTheCallingThreadPrintsIsCaptured() {
        let (result, printed) = LibraryOutput.capturing { () -> Int in
            errno = ENOENT
            perror("[ERROR] workbook_close(): Error creating 'report.xlsx'")
            return 7
        }
        #expect(result == 7)
        #expect(printed == "[ERROR] workbook_close(): Error creating 'report.xlsx': No such file or directory\n")
        // The capture ended with the call: the next capture starts empty.
        #expect(LibraryOutput.capturing { () }.printed == "")
    }

    /// Another thread prints while this one captures (in between, by semaphores): only this
    /// thread's text is captured; the other's goes on to stderr through the shared writer.
    @Test func otherThreadsAreNotCaptured() {
        let printNow = DispatchSemaphore(value: 0)
        let printed = DispatchSemaphore(value: 0)
        Thread {
            printNow.wait()
            errno = EACCES
            perror("LibraryOutputTests: another thread's library text, expected on stderr")
            printed.signal()
        }.start()
        let (_, captured) = LibraryOutput.capturing {
            printNow.signal()
            printed.wait()
            errno = ENOSPC
            perror("this thread")
        }
        #expect(captured == "this thread: No space left on device\n")
    }
}

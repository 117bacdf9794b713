import FileInput
import Foundation
import TestSupport
import Testing

/// Every way a path given where a file belongs can be wrong, and the one line each gets.
@Suite struct UserFileTests {
    func failure(_ path: String, limit: Int = 1 << 20, text: Bool = false) -> String? {
        do {
            if text {
                _ = try UserFile.readText(path, what: "config file", limit: limit)
            } else {
                _ = try UserFile.read(path, what: "config file", limit: limit)
            }
            return nil
        } catch {
            return error.description
        }
    }

    @Test func readsARegularFileWhole() throws {
        let folder = try TestSupport.folder(with: ["a.conf": "quiet = true\n"])
        let path = folder.appendingPathComponent("a.conf").path
        #expect(try UserFile.read(path, what: "config file", limit: 100) == Data("quiet = true\n".utf8))
        #expect(try UserFile.readText(path, what: "config file", limit: 13) == "quiet = true\n")
    }

    @Test func aFIFOIsNamedAndNeverWaitedFor() throws {
        let folder = try TestSupport.scratchDirectory("fifo")
        let fifo = folder.appendingPathComponent("us-east-1.json").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // No writer ever opens it: a reader that opened it would block here for ever.
        #expect(failure(fifo) == "config file \(fifo) is a FIFO, not a regular file")
    }

    @Test func aDeviceIsNamedAndNotReadForEver() {
        #expect(failure("/dev/zero") == "config file /dev/zero is a device, not a regular file")
        #expect(failure("/dev/null") == "config file /dev/null is a device, not a regular file")
    }

    @Test func aFolderASymlinkLoopAndAMissingFileSayWhatTheyAre() throws {
        let folder = try TestSupport.scratchDirectory("kinds")
        #expect(failure(folder.path) == "config file \(folder.path) is a directory, not a regular file")
        let loop = folder.appendingPathComponent("loop").path
        #expect(symlink(loop, loop) == 0)
        #expect(failure(loop) == "cannot read config file \(loop): too many levels of symbolic links")
        let missing = folder.appendingPathComponent("missing.conf").path
        #expect(failure(missing) == "config file \(missing) does not exist")
        let error = try #require(catching { _ = try UserFile.read(missing, what: "config file", limit: 1) })
        #expect(error.isMissing && error.errno == ENOENT && error.path == missing)
    }

    @Test func aFileOverTheLimitIsRefused() throws {
        let folder = try TestSupport.folder(with: ["big.conf": String(repeating: "x", count: 2049)])
        let path = folder.appendingPathComponent("big.conf").path
        #expect(
            failure(path, limit: 2048)
                == "config file \(path) is larger than 2048 bytes, more than any config file needs; check the path")
        #expect(failure(path, limit: 2049) == nil)
    }

    @Test func invalidUTF8IsPlacedByLineAndColumn() throws {
        let folder = try TestSupport.scratchDirectory("utf8")
        let url = folder.appendingPathComponent("a.conf")
        try Data([0xEF, 0xBB, 0xBF] + Array("quiet = true\r\nformat = cs".utf8) + [0xC3, 0x28] + Array("v\n".utf8)).write(to: url)
        #expect(
            failure(url.path, text: true)
                == "config file \(url.path): invalid UTF-8 at line 2, column 12; save it as UTF-8")
        try Data([0xEF, 0xBB, 0xBF] + Array("é = 1\n".utf8)).write(to: url)
        #expect(try UserFile.readText(url.path, what: "config file", limit: 100) == "é = 1\n", "the BOM is dropped")
    }

    @Test(arguments: [
        ("ab\ncd\u{FF}", TextPlace(line: 2, column: 3)),
        ("ab\r\ncd\u{FF}", TextPlace(line: 2, column: 3)),
        ("ab\rcd\u{FF}", TextPlace(line: 2, column: 3)),
        ("é😀\u{FF}", TextPlace(line: 1, column: 3)),
        ("\u{FF}", TextPlace(line: 1, column: 1)),
    ])
    func placesTheFirstInvalidByte(text: String, place: TextPlace) {
        // U+00FF stands for the lone byte 0xFF, which is never valid UTF-8.
        let bytes = text.unicodeScalars.flatMap { $0 == "\u{FF}" ? [0xFF] : Array(String($0).utf8) }
        #expect(TextPlace.firstInvalidUTF8(in: bytes) == place)
        #expect(TextPlace.firstInvalidUTF8(in: Array("fine\r\n".utf8)) == nil)
    }

    @Test func checksWithoutReading() throws {
        let folder = try TestSupport.folder(with: ["ca.pem": "x"])
        #expect(throws: Never.self) { try UserFile.checkRegular(folder.appendingPathComponent("ca.pem").path, what: "CA file") }
        #expect(throws: Never.self) { try UserFile.checkDirectory(folder.path, what: "templates directory") }
        let error = catching { try UserFile.checkDirectory("/dev/zero", what: "templates directory") }
        #expect(error?.description == "templates directory /dev/zero is a device, not a directory")
    }

    private func catching(_ body: () throws -> Void) -> FileInputError? {
        do {
            try body()
            return nil
        } catch {
            return error as? FileInputError
        }
    }
}

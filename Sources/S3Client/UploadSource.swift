import Foundation

/// One file to store: its name, its size, and a way to read any part of it, so a large file
/// is read a part at a time as the parts go up rather than held whole in memory.
public struct UploadSource: Sendable {
    /// The file's name, which becomes the last part of its key (`report.xlsx`).
    public var name: String
    /// Its size in bytes.
    public var size: Int
    /// The bytes in a range within `size`.
    public var read: @Sendable (Range<Int>) throws -> [UInt8]

    /// A file read through `read`.
    public init(name: String, size: Int, read: @escaping @Sendable (Range<Int>) throws -> [UInt8]) {
        self.name = name
        self.size = size
        self.read = read
    }

    /// A file already in memory.
    public init(name: String, data: Data) {
        self.init(name: name, size: data.count) { range in
            Array(data[data.startIndex + range.lowerBound..<data.startIndex + range.upperBound])
        }
    }
}

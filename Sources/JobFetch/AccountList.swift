import FileInput

/// The accounts named with `--accounts`: `ID[,ID…]` on the command line, or `@FILE` with one
/// account a line, so an organization's list can live in a file the team keeps.
///
/// The file's format, as people write such lists by hand: a 12-digit account id at the start
/// of the line, optionally followed by whitespace and the account's name (shown next to its
/// id in the reports); a `#` at the start of a line, or right after the id, starts a comment;
/// blank lines are ignored. Anything else is refused with the file and the line, before
/// anything is fetched: a mistyped id silently skipped would be an account never reported.
public struct AccountList: Sendable, Hashable {
    /// One account to walk.
    public struct Entry: Sendable, Hashable {
        /// The 12-digit account id.
        public var id: String
        /// The name written after the id in the file; `nil` when none was (and always from the command line).
        public var name: String?

        /// Values as given, unchecked.
        public init(id: String, name: String? = nil) {
            self.id = id
            self.name = name
        }
    }

    /// The accounts in the order first named; an id named twice is kept once, with the first name given for it.
    public private(set) var entries: [Entry] = []
    /// Where each id is in ``entries``, so 100 000 ids merge in linear time.
    private var positions: [String: Int] = [:]

    /// The largest accounts file read: 16 MiB is over 100 000 accounts with long names.
    public static let fileSizeLimit = 16 << 20

    /// Accounts as given, repeats merged.
    public init(_ entries: [Entry]) {
        for entry in entries { add(entry) }
    }

    /// The value of `--accounts`: `@FILE` reads the file (see the type's format), anything
    /// else is a comma-separated list of account ids (spaces around them allowed).
    ///
    /// Throws ``AccountListError`` naming the bad id, or the file and line and what is wrong
    /// there, or why the file cannot be read.
    public static func parse(
        _ argument: String,
        readFile: (String) throws(FileInputError) -> String = { path throws(FileInputError) in
            try UserFile.readText(path, what: "accounts file", limit: fileSizeLimit)
        }
    ) throws(AccountListError) -> AccountList {
        if argument.hasPrefix("@") {
            let path = String(argument.dropFirst())
            guard !path.isEmpty else { throw .usage("--accounts @ needs a file name after the @, like @accounts.txt") }
            let text: String
            do {
                text = try readFile(path)
            } catch {
                throw .unreadable(error)
            }
            return try parse(fileText: text, path: path)
        }
        var list = AccountList([])
        for item in argument.split(separator: ",", omittingEmptySubsequences: false) {
            let id = item.trimmingASCIIWhitespace()
            guard Scope.isAccountId(id) else {
                throw .usage(
                    id.isEmpty
                        ? "--accounts has an empty item; write ID[,ID…] with 12-digit account ids, or @FILE"
                        : "--accounts: \(AccountListError.quoted(id)) is not a 12-digit account id; write ID[,ID…] or @FILE")
            }
            list.add(Entry(id: id))
        }
        return list
    }

    /// The accounts of a file's text; `path` names the file in messages.
    public static func parse(fileText: String, path: String) throws(AccountListError) -> AccountList {
        var list = AccountList([])
        var number = 0
        // "\r\n" is one Character in Swift, so each line ending is named; a lone CR ends a line too.
        let lines = fileText.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for rawLine in lines {
            number += 1
            let line = rawLine.trimmingASCIIWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let id = String(line.prefix { !$0.isASCIIWhitespace })
            let rest = line.dropFirst(id.count).trimmingASCIIWhitespace()
            let place = "accounts file \(path) line \(number)"
            guard Scope.isAccountId(id) else {
                throw .usage(
                    "\(place): \(AccountListError.quoted(line)) does not start with a 12-digit account id; write one id a line, optionally followed by a space and the account's name"
                )
            }
            if rest.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\t" }) {
                throw .usage("\(place): the name after \(id) contains a control character; write the name as plain text")
            }
            list.add(Entry(id: id, name: rest.isEmpty || rest.hasPrefix("#") ? nil : rest))
        }
        guard !list.entries.isEmpty else {
            throw .usage("accounts file \(path) names no account; write one 12-digit account id a line")
        }
        return list
    }

    /// The ids, in order.
    public var ids: [String] { entries.map(\.id) }

    private mutating func add(_ entry: Entry) {
        if let index = positions[entry.id] {
            if entries[index].name == nil { entries[index].name = entry.name }
        } else {
            positions[entry.id] = entries.count
            entries.append(entry)
        }
    }
}

extension Character {
    fileprivate var isASCIIWhitespace: Bool {
        self == " " || self == "\t" || self == "\r" || self == "\u{0B}" || self == "\u{0C}"
    }
}

extension StringProtocol {
    /// Without spaces, tabs and carriage returns at either end (a CR LF file leaves a CR on each line).
    fileprivate func trimmingASCIIWhitespace() -> String {
        let scalars = Array(self)
        guard let first = scalars.firstIndex(where: { !$0.isASCIIWhitespace }),
            let last = scalars.lastIndex(where: { !$0.isASCIIWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

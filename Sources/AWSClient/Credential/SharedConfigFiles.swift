import FileInput
import Foundation

/// `~/.aws/credentials` and `~/.aws/config`, merged by profile as the AWS SDKs do: the
/// credentials file's `[name]` and the config file's `[profile name]` (or `[default]`),
/// credentials file first.
public struct SharedConfigFiles: Sendable {
    /// Profile name → settings (keys lowercased).
    public let profiles: [String: [String: String]]

    /// Reads the files the environment points at (`AWS_SHARED_CREDENTIALS_FILE`,
    /// `AWS_CONFIG_FILE`), else those under `HOME/.aws/`. A missing file is empty; one that
    /// exists but cannot be read is an error: silently skipping it would fall through to
    /// other credentials than the ones the user set up.
    public static func load(environment: [String: String]) throws(AWSError) -> SharedConfigFiles {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let credentials = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "\(home)/.aws/credentials"
        let config = environment["AWS_CONFIG_FILE"] ?? "\(home)/.aws/config"
        return SharedConfigFiles(
            credentialsText: try read(expand(credentials, home), what: "AWS credentials file"),
            configText: try read(expand(config, home), what: "AWS config file"))
    }

    /// The text of a file that may be absent; anything else that stops it being read (a
    /// folder or FIFO in its place, permissions, invalid UTF-8) is an error.
    static func read(_ path: String, what: String) throws(AWSError) -> String {
        do {
            return try UserFile.readText(path, what: what, limit: 1 << 20)
        } catch {
            if error.isMissing || error.errno == ENOTDIR { return "" }
            throw .configuration(
                "\(error.description); fix it, or point AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE elsewhere", cause: error)
        }
    }

    /// Parses and merges the two files' text, without touching the disk (tests pass text). Never fails:
    /// lines that are not settings are skipped, and the credentials file wins a conflict.
    public init(credentialsText: String, configText: String) {
        var profiles: [String: [String: String]] = [:]
        for (section, values) in Self.parse(configText) {
            let name: String
            if section == "default" {
                name = "default"
            } else if section.hasPrefix("profile ") {
                name = section.dropFirst("profile ".count).trimmingCharacters(in: .whitespaces)
            } else {
                continue  // [sso-session x], [services x]: not profiles
            }
            profiles[name, default: [:]].merge(values) { _, new in new }
        }
        for (section, values) in Self.parse(credentialsText) {
            profiles[section, default: [:]].merge(values) { _, credentials in credentials }
        }
        self.profiles = profiles
    }

    /// INI as the AWS files use it: `[section]`, `key = value`, `#` and `;` comments, and
    /// indented lines continuing the previous key (nested settings are skipped).
    static func parse(_ text: String) -> [(String, [String: String])] {
        var sections: [(String, [String: String])] = []
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                // `[profile ops] # a comment` is a section too.
                sections.append((line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces), [:]))
                continue
            }
            guard !sections.isEmpty, rawLine.first != " ", rawLine.first != "\t",
                let equals = line.firstIndex(of: "=")
            else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let comment = value.range(of: " #") ?? value.range(of: " ;") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            sections[sections.count - 1].1[key] = value
        }
        return sections
    }

    private static func expand(_ path: String, _ home: String) -> String {
        path.hasPrefix("~/") ? home + path.dropFirst(1) : path
    }
}

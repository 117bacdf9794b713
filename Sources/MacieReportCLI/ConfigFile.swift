import FileInput
import Foundation

/// `run --config FILE`: every option of `run` in a file, so the cron line stays short.
///
///     # /etc/macie-report.conf
///     output-dir = /var/lib/macie-report/out
///     history = /var/lib/macie-report/history.sqlite
///     region = us-east-1
///     region = eu-west-1
///     mail-to = security@example.com
///     quiet = true
///
/// One `name = value` per line, the option's long name without `--`; repeatable options take
/// one line per value; flags take `true` or `false`; lines starting with `#` are comments; a
/// value may be put in double quotes to keep surrounding spaces. Options on the command line
/// override the file: a flag or a value given there replaces every line of the same name.
/// The file is turned into arguments before parsing, so it accepts exactly what the command
/// line does, and checks it the same way.
enum ConfigFile {
    /// Options of `run` that take no value.
    static let flags: Set<String> = [
        "quiet", "no-formula-guard", "no-describe", "no-job-logs", "no-findings", "include-archived-findings", "mail-links",
    ]

    /// Every long option of `run`, read from its own help so the list can never drift.
    static let runOptionNames: Set<String> = {
        let help = RunCommand.helpMessage(columns: 10_000)
        var names = Set<String>()
        var rest = Substring(help)
        while let start = rest.range(of: "--") {
            let name = rest[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if !name.isEmpty { names.insert(String(name)) }
            rest = rest[start.upperBound...]
        }
        return names.subtracting(["help", "version"])
    }()

    /// A config file is a few hundred bytes; a limit keeps a wrong path (`/dev/zero`, a log)
    /// from being read for ever.
    static let sizeLimit = 1 << 20

    /// The arguments with `--config FILE` replaced by the file's options, placed before the
    /// command line's own so those win. Arguments without `--config` come back unchanged.
    static func expand(_ arguments: [String], knownNames: Set<String> = runOptionNames) throws(Problem) -> [String] {
        guard let at = arguments.firstIndex(where: { $0 == "--config" || $0.hasPrefix("--config=") }) else {
            return arguments
        }
        let path: String
        var rest = arguments
        if arguments[at].hasPrefix("--config=") {
            path = String(arguments[at].dropFirst("--config=".count))
            rest.remove(at: at)
        } else {
            guard at + 1 < arguments.count else { throw Problem.missingPath() }
            path = arguments[at + 1]
            rest.removeSubrange(at...(at + 1))
        }
        guard let command = rest.firstIndex(of: "run") else {
            throw Problem.notRun()
        }
        let given = Set(
            rest.compactMap { argument -> String? in
                guard argument.hasPrefix("--") else { return nil }
                return String(argument.dropFirst(2).prefix { $0 != "=" })
            })
        let fromFile = try options(in: path, knownNames: knownNames).filter { !given.contains($0.name) }.flatMap {
            option -> [String] in
            // `--name=value`, so a value that starts with `-` is never taken for an option.
            guard flags.contains(option.name) else { return ["--\(option.name)=\(option.value)"] }
            return option.value == "true" ? ["--\(option.name)"] : []
        }
        rest.insert(contentsOf: fromFile, at: command + 1)
        return rest
    }

    /// The file's `name = value` lines, in order.
    static func options(in path: String, knownNames: Set<String>) throws(Problem) -> [(name: String, value: String)] {
        let text: String
        do {
            text = try UserFile.readText(path, what: "config file", limit: sizeLimit)
        } catch {
            throw Problem.unreadable(error)
        }
        var options: [(name: String, value: String)] = []
        for (number, raw) in lines(of: text).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let place = "config file \(path), line \(number + 1)"
            guard let equals = line.firstIndex(of: "=") else { throw Problem.notNameValue(place, line) }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), !name.hasPrefix("-") else {
                throw Problem.notAnOptionName(place, name)
            }
            if name == "config" { throw Problem.nestedConfig(place) }
            guard knownNames.contains(name) else { throw Problem.unknownOption(place, name) }
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            if flags.contains(name), value != "true", value != "false" { throw Problem.flagValue(place, name) }
            options.append((name, value))
        }
        return options
    }

    /// The file's lines, ended by LF, CR LF or a lone CR (a file saved on Windows or an old
    /// Mac). Swift sees CR LF as one character, so splitting at "\n" alone would read a
    /// Windows file as one line, its first value swallowing the rest.
    static func lines(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }
}

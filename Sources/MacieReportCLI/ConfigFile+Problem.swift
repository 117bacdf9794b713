import FileInput

extension ConfigFile {
    /// Why `--config FILE` cannot be used, in one line naming the file (and the line) and
    /// what to write instead. Every case is a usage error (exit 2): the fix is in the file or
    /// on the command line, and nothing has been done yet.
    ///
    /// The shape of `MailError`: a struct around a private code, so new cases never break
    /// callers, with the underlying cause kept where there is one.
    struct Problem: Error, CustomStringConvertible, Sendable {
        private enum Code: Sendable {
            case arguments
            case unreadable
            case syntax
            case unknownOption
        }

        private let code: Code
        /// The one line shown to the user.
        let description: String
        /// Why the file could not be read (a `FileInputError`: missing, a FIFO, a device,
        /// a link loop, not UTF-8), when that is the problem.
        let cause: (any Error)?

        private init(_ code: Code, _ description: String, cause: (any Error)? = nil) {
            self.code = code
            self.description = description
            self.cause = cause
        }

        /// Always true: a config file problem is fixed in the file or the command line, so
        /// it exits 2 as any malformed option does.
        var isUsageError: Bool { true }

        static func missingPath() -> Problem { Problem(.arguments, "--config needs a FILE") }

        static func notRun() -> Problem {
            Problem(.arguments, "--config is an option of `run`: macie-report run --config FILE")
        }

        static func unreadable(_ error: FileInputError) -> Problem { Problem(.unreadable, error.description, cause: error) }

        static func notNameValue(_ place: String, _ line: String) -> Problem {
            Problem(.syntax, "\(place): expected `name = value`, found \(line.debugDescription)")
        }

        static func notAnOptionName(_ place: String, _ name: String) -> Problem {
            Problem(.syntax, "\(place): \(name.debugDescription) is not an option name (write it without --)")
        }

        static func nestedConfig(_ place: String) -> Problem {
            Problem(.syntax, "\(place): a config file cannot name another one")
        }

        static func unknownOption(_ place: String, _ name: String) -> Problem {
            Problem(.unknownOption, "\(place): `run` has no option --\(name) (see macie-report run --help)")
        }

        static func flagValue(_ place: String, _ name: String) -> Problem {
            Problem(.syntax, "\(place): \(name) is a flag: write \(name) = true or \(name) = false")
        }
    }
}

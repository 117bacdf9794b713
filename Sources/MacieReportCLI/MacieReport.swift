import ArgumentParser

/// The root command only lists subcommands; each lives in its own file.
struct MacieReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "macie-report",
        abstract: "Reports on every Amazon Macie classification job: status, type and last-run errors, as CSV, HTML and XLSX.",
        version: "0.1.0",
        subcommands: [RunCommand.self]
    )
}

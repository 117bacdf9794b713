import JobFetch

extension XLSXWorkbook {
    /// Findings over time on the Trend sheet: a stacked column chart, one series per severity
    /// (High, Medium, Low from `firstColumn` on), one column per run, in the colours of
    /// report.html's chart. A run without counts has empty cells there, which the chart
    /// leaves as a gap, not a zero.
    func findingsTrendChart(sheet: String, runs: Int, firstColumn: Int) throws -> OpaquePointer {
        try runsChart(
            sheet: sheet, runs: runs, firstColumn: firstColumn,
            series: FindingSeverity.allCases.map { ($0.rawValue, SeverityPalette.hex($0)) },
            title: "Findings over time, last \(runs) run\(runs == 1 ? "" : "s")")
    }
}

import JobFetch

/// One colour per finding severity, the same in report.html's "Findings by job" and the
/// workbook's "Jobs with the most findings", so High reads as red wherever it is drawn.
/// Each passes WCAG AA (4.5:1) against white, and every bar is also labelled with its
/// counts, so colour is never the only signal.
enum SeverityPalette {
    /// `RRGGBB` for a severity: High red (ERROR's red), Medium amber, Low blue.
    static func hex(_ severity: FindingSeverity) -> String {
        switch severity {
        case .high: "B3261E"
        case .medium: "A15C00"
        case .low: "1F5FAD"
        }
    }
}

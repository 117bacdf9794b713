/// The Content-Type a report is stored with, so a browser following a link opens
/// report.html as a page and offers the CSVs and the workbook to the right application.
public enum ReportContentType {
    /// By the file's extension; anything else is stored as bytes.
    public static func of(_ fileName: String) -> String {
        switch fileName.split(separator: ".").last?.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "json": "application/json"
        default: "application/octet-stream"
        }
    }
}

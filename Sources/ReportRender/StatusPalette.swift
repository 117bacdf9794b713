import Macie2Model

/// One colour per value, the same in every chart, table badge and workbook, so a reader
/// learns once that purple means USER_PAUSED. Colours pass WCAG AA (4.5:1) against white
/// for text, and every coloured thing is also labelled, so colour is never the only signal.
public enum StatusPalette {
    static let byValue: [String: String] = [
        "RUNNING": "1F5FAD", "PAUSED": "A15C00", "CANCELLED": "5C6570", "COMPLETE": "2B7A3D", "IDLE": "127A7A",
        "USER_PAUSED": "6E3FA3", "ONE_TIME": "2F5D8C", "SCHEDULED": "7A4E1F", "NONE": "2B7A3D", "ERROR": "B3261E",
    ]
    static let cycle = ["1F5FAD", "2B7A3D", "A15C00", "6E3FA3", "127A7A", "7A4E1F", "5C6570", "B3261E"]
    static let unknown = "767676"

    /// The report.html class that colours a status badge: `s-RUNNING`..., `s-other` for a
    /// value the model does not list (a class name is never made from arbitrary data).
    public static func cssClass(_ status: ModelEnum<JobStatusValues>?) -> String {
        guard let status, status.isKnown else { return "s-other" }
        return "s-" + status.rawValue
    }

    /// Colours no fixed value uses, for statuses the model does not list when they are drawn
    /// next to the known ones (the trend), so a new status never looks like an old one.
    static let unlisted = ["8A3B6B", "4F6B12", "9C3F00", "3B4A9C"]

    /// `RRGGBB` for a status beside every other status: its own colour, or one no known
    /// status uses, the `index`-th unlisted status taking the `index`-th.
    static func statusHex(_ value: String, unlistedIndex index: Int) -> String {
        byValue[value] ?? unlisted[index % unlisted.count]
    }

    /// `RRGGBB` for a value; values without a fixed colour take one from a cycle by position.
    public static func hex(_ value: String, position: Int = 0) -> String {
        if let fixed = byValue[value] { return fixed }
        if value == "(none)" { return unknown }
        return cycle[position % cycle.count]
    }
}

/// The Macie console page of one job, for links from the reports.
public enum MacieConsole {
    /// The job's page; without a job id, the region's list of jobs.
    public static func jobURL(region: String, jobId: String?) -> String {
        guard let jobId else { return jobURL(region: region, jobId: "").replacingOccurrences(of: "?jobId=", with: "") }
        let id =
            jobId.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" } ? jobId : ""
        let place =
            region.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            ? region : "us-east-1"
        return "https://\(place).console.aws.amazon.com/macie/home?region=\(place)#/jobs?jobId=\(id)"
    }
}

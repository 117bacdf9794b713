import Foundation
import Testing

@testable import Macie2Model

@Suite struct ISO8601TimestampTests {
    @Test(arguments: [
        ("2020-11-17T10:00:00Z", 1_605_607_200.0),
        ("2020-11-17T10:00:00.123Z", 1_605_607_200.123),
        ("2020-11-17T10:00:00.5z", 1_605_607_200.5),
        ("2020-11-17T12:00:00+02:00", 1_605_607_200.0),
        ("2020-11-17T05:30:00-0430", 1_605_607_200.0),
        ("1969-12-31T23:59:59Z", -1.0),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
    ])
    func parsesTheShapesTheAPIAndToolsWrite(text: String, epoch: Double) throws {
        let date = try #require(ISO8601Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - epoch) < 0.0005)
    }

    @Test(arguments: [
        "", "2020-11-17", "2020-11-17T10:00:00", "2020-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
        "2020-11-17T10:00:00.Z", "2020-11-17T10:00:00Zjunk", "2020-11-17T25:00:00Z", "yesterday",
    ])
    func rejectsAnythingElse(text: String) {
        #expect(ISO8601Timestamp.parse(text) == nil)
    }

    @Test func formatsWholeSecondsInUTC() throws {
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: 1_605_607_200.987)) == "2020-11-17T10:00:00Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(ISO8601Timestamp.formatPrecise(Date(timeIntervalSince1970: 1_605_607_200.123)) == "2020-11-17T10:00:00.123Z")
        #expect(ISO8601Timestamp.formatPrecise(Date(timeIntervalSince1970: 1_605_607_200)) == "2020-11-17T10:00:00Z")
    }

    @Test func roundTripsEveryDayAcrossFourCenturies() {
        var day: Int64 = ISO8601Timestamp.daysFromCivil(year: 1900, month: 1, day: 1)
        let end = ISO8601Timestamp.daysFromCivil(year: 2300, month: 1, day: 1)
        while day < end {
            let (y, m, d) = ISO8601Timestamp.civil(fromDays: day)
            #expect(ISO8601Timestamp.daysFromCivil(year: y, month: m, day: d) == day)
            day += 1
        }
        // Foundation agrees on a few fixed points.
        let formatter = ISO8601DateFormatter()
        for text in ["2000-02-29T12:34:56Z", "2100-03-01T00:00:00Z", "1970-01-01T00:00:00Z"] {
            #expect(ISO8601Timestamp.parse(text) == formatter.date(from: text))
        }
    }
}

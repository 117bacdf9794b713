import Foundation
import JobFetch
import TestSupport
import Testing

/// `--accounts ID[,ID…]` and `--accounts @FILE`: ids with optional names, comments and blank
/// lines skipped, and every bad value refused in one line that names the file and the line.
@Suite struct AccountListTests {
    func failure(_ argument: String) -> String? {
        do {
            _ = try AccountList.parse(argument)
            return nil
        } catch {
            #expect(error.isUsageError)
            return error.description
        }
    }

    func failure(file text: String) -> String? {
        do {
            _ = try AccountList.parse(fileText: text, path: "orgs.txt")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aCommaListGivesIdsInOrderOnceEach() throws {
        let list = try AccountList.parse("111122223333, 210987654321 ,111122223333")
        #expect(list.ids == ["111122223333", "210987654321"])
        #expect(list.entries.allSatisfy { $0.name == nil })
    }

    @Test(arguments: [
        ("12345", #"--accounts: "12345" is not a 12-digit account id; write ID[,ID…] or @FILE"#),
        ("111122223333,", "--accounts has an empty item; write ID[,ID…] with 12-digit account ids, or @FILE"),
        ("", "--accounts has an empty item; write ID[,ID…] with 12-digit account ids, or @FILE"),
        ("11112222333a", #"--accounts: "11112222333a" is not a 12-digit account id; write ID[,ID…] or @FILE"#),
        ("@", "--accounts @ needs a file name after the @, like @accounts.txt"),
    ])
    func badIdsAreNamed(_ argument: String, _ message: String) {
        #expect(failure(argument) == message)
    }

    @Test func aFileGivesIdsWithNamesSkippingCommentsAndBlankLines() throws {
        let text = """
            \u{FEFF}# The organization's accounts, kept by the security team.

            111122223333   Management
            210987654321\tPayroll (EU) #2
            333344445555 # no name, a comment
              444455556666
            111122223333 Management again
            555566667777\r
            """.replacingOccurrences(of: "\n", with: "\r\n")
        let folder = try TestSupport.folder(with: ["orgs.txt": text])
        let list = try AccountList.parse("@" + folder.appendingPathComponent("orgs.txt").path)
        #expect(
            list.entries == [
                .init(id: "111122223333", name: "Management"), .init(id: "210987654321", name: "Payroll (EU) #2"),
                .init(id: "333344445555"), .init(id: "444455556666"), .init(id: "555566667777"),
            ])
    }

    @Test func aNameGivenLaterFillsInAnIdFirstNamedWithout() throws {
        let list = try AccountList.parse(fileText: "111122223333\n111122223333 Management\n", path: "orgs.txt")
        #expect(list.entries == [.init(id: "111122223333", name: "Management")])
    }

    @Test(arguments: [
        (
            "111122223333 A\n\n12345 Short\n",
            #"accounts file orgs.txt line 3: "12345 Short" does not start with a 12-digit account id; write one id a line, optionally followed by a space and the account's name"#
        ),
        (
            "111122223333,Payroll\n",
            #"accounts file orgs.txt line 1: "111122223333,Payroll" does not start with a 12-digit account id; write one id a line, optionally followed by a space and the account's name"#
        ),
        ("# only comments\n\n", "accounts file orgs.txt names no account; write one 12-digit account id a line"),
        (
            "111122223333 Bad\u{7}Name\n",
            "accounts file orgs.txt line 1: the name after 111122223333 contains a control character; write the name as plain text"
        ),
        (
            "111122223333\r222233334444x\r",
            #"accounts file orgs.txt line 2: "222233334444x" does not start with a 12-digit account id; write one id a line, optionally followed by a space and the account's name"#
        ),
    ])
    func badLinesNameTheFileAndTheLine(_ text: String, _ message: String) {
        #expect(failure(file: text) == message)
    }

    @Test func anUnreadableFileSaysWhyInOneLine() throws {
        let folder = try TestSupport.folder(with: ["bad.txt": "x"])
        let missing = failure("@" + folder.appendingPathComponent("none.txt").path)
        #expect(missing == "--accounts: accounts file \(folder.appendingPathComponent("none.txt").path) does not exist")
        let directory = failure("@" + folder.path)
        #expect(directory?.hasPrefix("--accounts: accounts file \(folder.path) is a") == true, "\(directory ?? "")")
        try Data([0x31, 0xFF, 0x0A]).write(to: folder.appendingPathComponent("bad.txt"))
        #expect(failure("@" + folder.appendingPathComponent("bad.txt").path)?.contains("line 1, column 2") == true)
    }
}

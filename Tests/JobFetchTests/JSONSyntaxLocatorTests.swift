import JobFetch
import Testing

@Suite struct JSONSyntaxLocatorTests {
    @Test(
        arguments: [
            ("[1, 2, {\"a\": true, \"b\": [null, -0.5e+3, \"\\u00e9\\n\"]}]", nil),
            ("", "line 1, column 1: unexpected end of file, expected a value"),
            ("[1,]", "line 1, column 4: unexpected character ']', expected a value"),
            ("{\"a\":1}\n x", "line 2, column 2: unexpected text after the end of the document"),
            ("[\"ab\u{1}\"]", "line 1, column 5: unescaped control character in a string"),
            ("[\"é\", tru]", "line 1, column 10: unexpected character ']', expected 'true'"),
            ("[01]", "line 1, column 3: unexpected character '1', expected ',' or ']'"),
            ("[\"\\x\"]", "line 1, column 4: bad escape '\\x' in a string"),
            ("[\"abc", "line 1, column 6: unterminated string"),
        ] as [(String, String?)])
    func reportsTheFirstErrorWithItsPlace(document: String, expected: String?) {
        #expect(JSONSyntaxLocator.firstError(in: Array(document.utf8)) == expected)
    }
}

import NXRuntime
import Testing

/// Percent-decoding of client paths and query strings never fails: malformed escapes stay as written, invalid UTF-8
/// becomes U+FFFD, and the encoders' output decodes back (laws the fuzz target FuzzPercentEncoding also checks).
@Suite struct PercentEncodingTests {
    @Test(arguments: [
        ("%", "%"), ("%4", "%4"), ("%zz", "%zz"), ("100%", "100%"), ("%%41", "%A"), ("a%2Fb", "a/b"), ("%C3%A9t%C3%A9", "été"),
        ("%00", "\u{0}"), ("%4g", "%4g"), ("%", "%"),
    ])
    func malformedEscapesStayAsWritten(_ input: String, _ expected: String) {
        #expect(PercentEncoding.decode(Substring(input)) == expected)
    }

    @Test(arguments: [("%FF", "\u{FFFD}"), ("caf%C3", "caf\u{FFFD}"), ("%E2%82", "\u{FFFD}"), ("%C3%28", "\u{FFFD}(")])
    func invalidUTF8BecomesReplacementCharacters(_ input: String, _ expected: String) {
        #expect(PercentEncoding.decode(Substring(input)) == expected)
    }

    @Test func plusIsASpaceOnlyInForms() {
        #expect(PercentEncoding.decode("a+b%2B", plusAsSpace: true) == "a b+")
        #expect(PercentEncoding.decode("a+b%2B") == "a+b+")
    }

    @Test(arguments: ["", "plain", "a b+c&d=e/f?g#h", "100% sure", "%41", "été 😀", "\u{0}\u{7F}", "'quote' \"double\""])
    func encodedComponentsDecodeBack(_ text: String) {
        #expect(PercentEncoding.decode(Substring(PercentEncoding.encodeQueryComponent(text)), plusAsSpace: true) == text)
        let segment = PercentEncoding.encodePathSegment(text)
        #expect(!segment.contains("/"))
        #expect(PercentEncoding.decode(Substring(segment)) == PercentEncoding.decode(Substring(text)))
    }

    @Test(.timeLimit(.minutes(1))) func longMalformedInputDecodesInLinearTime() {
        let text = String(repeating: "%", count: 1_000_000) + String(repeating: "%E2%82", count: 100_000)
        #expect(PercentEncoding.decode(Substring(text)).utf8.count <= text.utf8.count)
    }
}

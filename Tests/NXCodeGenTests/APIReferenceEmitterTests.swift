@testable import NXCodeGen
import Testing

/// The pieces of the API explorer's page that the Chromium test does not reach: how spec prose becomes HTML, and how
/// a text is held by the generated Swift literal whatever it contains.
@Suite struct APIReferenceEmitterTests {
    @Test func prosePairsBackticksIntoCodeAndEscapesTheRest() {
        #expect(HTMLWriter.inline("Read `dc:title` & <b>") == "Read <code>dc:title</code> &amp; &lt;b&gt;")
        #expect(HTMLWriter.inline("a `b` c `d") == "a <code>b</code> c `d")
        #expect(HTMLWriter.inline("one ` only") == "one ` only")
        #expect(HTMLWriter.escape("\"'") == "&quot;&#39;")
    }

    @Test func rawLiteralDelimiterOutgrowsTheText() {
        #expect(APIReferenceEmitter.rawLiteral("plain\n") == "#\"\"\"\nplain\n\"\"\"#")
        let tricky = "a \"\"\"# b \\#( c"
        let literal = APIReferenceEmitter.rawLiteral(tricky)
        #expect(literal.hasPrefix("##\"\"\"\n") && literal.hasSuffix("\n\"\"\"##"))
    }

    @Test func longLinesBreakAtSpacesOutsideTagsAndPreformattedText() {
        var html = HTMLWriter()
        html.raw("<p>aaaa <a href=\"#x y\">bb</a> cccc</p>\n<pre>dddd eeee ffff</pre>\n")
        #expect(html.wrapped(width: 10) == "<p>aaaa\n<a href=\"#x y\">bb</a>\ncccc</p>\n<pre>dddd eeee ffff</pre>\n")
    }

    @Test func examplesAreLaidOutOneMemberPerLine() {
        #expect(APIReferencePage.indented(#"{"a":[1,{"b":"x, {y}"}],"c":{},"d":[]}"#)
                == "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x, {y}\"\n    }\n  ],\n  \"c\": {},\n  \"d\": []\n}")
    }

    @Test func anchorsHoldOnlySafeCharacters() {
        #expect(APIReferencePage.anchor("header", "X-NXRepository") == "header-X-NXRepository")
        #expect(APIReferencePage.anchor("group", "a b/c") == "group-a_b_c")
    }
}

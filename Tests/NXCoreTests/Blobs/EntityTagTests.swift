import Testing

@testable import NXCore

/// ETag values and `If-None-Match` matching (Nuxeo's testETagHeader*).
@Suite struct EntityTagTests {
    @Test func quotesTheDigest() {
        #expect(EntityTag.quoted("12345") == "\"12345\"")
        #expect(EntityTag.quoted("b10a8db164e0754105b7a99be72e3fe5") == "\"b10a8db164e0754105b7a99be72e3fe5\"")
    }

    @Test(arguments: [
        "\"12345\"", "*", " * ", "\"a\", \"12345\"", "\"a\",\"12345\"", "\"a\" \"12345\"", "W/\"12345\"",
        "\"x\", W/\"12345\", \"y\"",
    ])
    func matchingHeaders(_ header: String) {
        #expect(EntityTag.matches(ifNoneMatch: header, etag: "\"12345\""))
        #expect(EntityTag.matches(ifNoneMatch: header, etag: "12345"))
    }

    @Test(arguments: ["\"78787\"", "12345", "\"123456\"", "\"1234\"", "", "  ", "\"a\", \"b\"", "w/\"12345\""])
    func nonMatchingHeaders(_ header: String) {
        #expect(!EntityTag.matches(ifNoneMatch: header, etag: "\"12345\""))
    }

    @Test func missingHeaderNeverMatches() {
        #expect(!EntityTag.matches(ifNoneMatch: nil, etag: "\"12345\""))
    }

    @Test func aWeakETagComparesWeakly() {
        #expect(EntityTag.matches(ifNoneMatch: "\"12345\"", etag: "W/\"12345\""))
    }
}

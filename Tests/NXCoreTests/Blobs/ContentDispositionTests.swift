import Testing

@testable import NXCore

/// `Content-Disposition` values, matching Nuxeo's TestRFC2231 / TestDownloadService expectations (LTS 2023).
@Suite struct ContentDispositionTests {
    @Test(arguments: [
        ("hello.txt", false, "attachment; filename=hello.txt"),
        ("cafe", true, "inline; filename=cafe"),
        ("mydoc2.txt", true, "inline; filename=mydoc2.txt"),
        ("cafe.txt", false, "attachment; filename=cafe.txt"),
        ("test{test}.txt", true, "inline; filename=test{test}.txt"),
        ("a!#$&+-.^_`|~b", false, "attachment; filename=a!#$&+-.^_`|~b"),
    ])
    func plainASCIINamesAreWrittenRaw(_ name: String, _ inline: Bool, _ expected: String) {
        #expect(ContentDisposition.value(filename: name, inline: inline) == expected)
    }

    @Test(arguments: [
        ("caf\u{E9}", true, "inline; filename*=UTF-8''caf%C3%A9"),
        ("caf\u{E9}", false, "attachment; filename*=UTF-8''caf%C3%A9"),
        ("caf\u{E9}.txt", false, "attachment; filename*=UTF-8''caf%C3%A9.txt"),
        ("Fichier accentu\u{E9}.txt", false, "attachment; filename*=UTF-8''Fichier%20accentu%C3%A9.txt"),
        ("my file.txt", false, "attachment; filename*=UTF-8''my%20file.txt"),
        ("R\u{E9}sultat d'Activit\u{E9} (;provisoire/draft).", false,
            "attachment; filename*=UTF-8''R%C3%A9sultat%20d%27Activit%C3%A9%20%28%3Bprovisoire%2Fdraft%29."),
        ("\u{5E73}\u{4EEE}\u{540D} - good.txt", false,
            "attachment; filename*=UTF-8''%E5%B9%B3%E4%BB%AE%E5%90%8D%20-%20good.txt"),
        ("\u{30CC}\u{30AF}\u{30BB}\u{30AA}\u{30FB}\u{30B7}\u{3099}\u{30E3}\u{30CF}\u{309A}\u{30F3}.txt", false,
            "attachment; filename*=UTF-8''%E3%83%8C%E3%82%AF%E3%82%BB%E3%82%AA%E3%83%BB%E3%82%B7%E3%82%99%E3%83%A3"
                + "%E3%83%8F%E3%82%9A%E3%83%B3.txt"),
        ("\u{1F600}.png", true, "inline; filename*=UTF-8''%F0%9F%98%80.png"),
        ("a\"b.txt", false, "attachment; filename*=UTF-8''a%22b.txt"),
        ("a;b.txt", false, "attachment; filename*=UTF-8''a%3Bb.txt"),
        ("100%.txt", false, "attachment; filename*=UTF-8''100%25.txt"),
        ("a*b", false, "attachment; filename*=UTF-8''a%2Ab"),
        ("x=1?.txt", false, "attachment; filename*=UTF-8''x%3D1%3F.txt"),
        ("tab\there", false, "attachment; filename*=UTF-8''tab%09here"),
        ("caf\u{E9} {1}.txt", false, "attachment; filename*=UTF-8''caf%C3%A9%20%7B1%7D.txt"),
    ])
    func otherNamesUseTheRFC2231Form(_ name: String, _ inline: Bool, _ expected: String) {
        #expect(ContentDisposition.value(filename: name, inline: inline) == expected)
    }

    @Test func headerInjectionIsEncoded() {
        let value = ContentDisposition.value(filename: "a\r\nSet-Cookie: x=1", inline: false)
        #expect(value == "attachment; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1")
        #expect(!value.contains("\r") && !value.contains("\n"))
    }

    @Test(arguments: ["", "   "])
    func blankNamesBecomeFile(_ name: String) {
        #expect(ContentDisposition.value(filename: name, inline: false) == "attachment; filename=file")
    }
}

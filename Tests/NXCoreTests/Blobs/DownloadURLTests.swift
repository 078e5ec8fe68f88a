import Testing

@testable import NXCore

/// `nxfile/…` download URLs and filename quoting (Nuxeo's TestDownloadService and URIUtils behaviour).
@Suite struct DownloadURLTests {
    @Test(arguments: [
        "C:\\My Documents\\foo.txt", "/home/john/foo.txt", "/home/john/foo.txt;jsessionid=FooBarBaz;otherparam=foobarbaz",
        "/home/john/foo.txt;jsessionid=FooBarBaz", "foo.txt",
    ])
    func pathsAndParameterSuffixesAreRemoved(_ filename: String) {
        #expect(
            DownloadURL.path(repository: "default", docId: "1234", xpath: "file:content", filename: filename, changeToken: nil)
                == "nxfile/default/1234/file:content/foo.txt")
    }

    @Test func aSemicolonInTheFilenameIsQuoted() {
        #expect(
            DownloadURL.path(
                repository: "default", docId: "1234", xpath: "file:content", filename: "/home/john/foo;bar.txt",
                changeToken: nil) == "nxfile/default/1234/file:content/foo%3Bbar.txt")
    }

    @Test(arguments: [
        ("my file.txt", "my%20file.txt"), ("caf\u{E9}.txt", "caf%C3%A9.txt"), ("cafe\u{301}.txt", "caf%C3%A9.txt"),
        ("\u{1F600}.png", "%F0%9F%98%80.png"), ("\u{5E73}\u{4EEE}\u{540D}.txt", "%E5%B9%B3%E4%BB%AE%E5%90%8D.txt"),
        ("a:b$c&d+e=f?g[h]i@j", "a%3Ab%24c%26d%2Be%3Df%3Fg%5Bh%5Di%40j"), ("50%#1.txt", "50%25%231.txt"),
        ("it's (1),!~*_-.txt", "it's%20(1),!~*_-.txt"), ("a\"<>^`{|}b", "a%22%3C%3E%5E%60%7B%7C%7Db"),
        ("a\u{A0}b\u{2003}c", "a%C2%A0b%E2%80%83c"), ("tab\tnl\n", "tab%09nl%0A"), ("a;b", "a%3Bb"),
        ("report;v=1.pdf", "report"), ("dir/", ""), ("", ""),
    ])
    func filenameQuoting(_ filename: String, _ expected: String) {
        #expect(DownloadURL.quoteFilename(filename) == expected)
    }

    @Test func withoutFilenameTheURLEndsAfterTheXPath() {
        #expect(
            DownloadURL.path(repository: "default", docId: "1234", xpath: "file:content", filename: nil, changeToken: nil)
                == "nxfile/default/1234/file:content")
    }

    @Test func listXPathsAreWrittenAsGiven() {
        #expect(
            DownloadURL.path(
                repository: "default", docId: "3727ef6b-cf8c-4f27-ab2c-79de0171a2c8", xpath: "files:files/0/file",
                filename: "image.png", changeToken: nil)
                == "nxfile/default/3727ef6b-cf8c-4f27-ab2c-79de0171a2c8/files:files/0/file/image.png")
    }

    @Test func changeTokenQuery() {
        #expect(
            DownloadURL.path(repository: "test", docId: "d", xpath: "file:content", filename: "synopsis.txt", changeToken: "1-0")
                == "nxfile/test/d/file:content/synopsis.txt?changeToken=1-0")
        #expect(
            DownloadURL.path(repository: "test", docId: "d", xpath: "file:content", filename: nil, changeToken: "a b/c*~")
                == "nxfile/test/d/file:content?changeToken=a+b%2Fc*%7E")
        #expect(
            DownloadURL.path(repository: "test", docId: "d", xpath: "file:content", filename: "x.txt", changeToken: "")
                == "nxfile/test/d/file:content/x.txt")
    }
}

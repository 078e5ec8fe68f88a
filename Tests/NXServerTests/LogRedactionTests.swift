@testable import NXServer
import Testing

/// Request logs never show a secret: the token of `/token/{token}`, credential-like query values, huge queries.
@Suite struct LogRedactionTests {
    @Test func tokenPathsAreRedacted() {
        #expect(LogRedaction.path("/nuxeo/api/v1/token/3f2a-secret") == "/nuxeo/api/v1/token/<redacted>")
        #expect(LogRedaction.path("/nuxeo/site/api/v1/token/abc/") == "/nuxeo/site/api/v1/token/<redacted>/")
        #expect(LogRedaction.path("/nuxeo/api/v1/token") == "/nuxeo/api/v1/token")
        #expect(LogRedaction.path("/nuxeo/api/v1/path/default-domain") == "/nuxeo/api/v1/path/default-domain")
    }

    @Test func credentialQueryValuesAreRedacted() {
        #expect(LogRedaction.query("a=1&token=abc&Password=x&b") == "a=1&token=<redacted>&Password=<redacted>&b")
        #expect(LogRedaction.query("applicationName=app&deviceId=d") == "applicationName=app&deviceId=d")
        #expect(LogRedaction.query(nil) == "")
    }

    @Test func longQueriesAreTruncated() {
        let logged = LogRedaction.truncated(String(repeating: "q", count: 100_000))
        #expect(logged.count < 1100 && logged.hasSuffix("(100000 bytes)"))
    }
}

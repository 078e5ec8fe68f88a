import NXRuntime
import Testing

@Suite struct NXDateTests {
    @Test func formatsUTCWithMilliseconds() {
        #expect(NXDate.format(millis: 0) == "1970-01-01T00:00:00.000Z")
        #expect(NXDate.format(millis: 1_402_050_239_760) == "2014-06-06T10:23:59.760Z")
        #expect(NXDate.format(millis: -1) == "1969-12-31T23:59:59.999Z")
    }

    @Test(arguments: [
        ("2014-06-06T10:23:59.76Z", Int64(1_402_050_239_760)),
        ("2014-06-06T12:23:59.760+02:00", 1_402_050_239_760),
        ("2014-06-06T10:23:59Z", 1_402_050_239_000),
        ("2014-06-06T10:23", 1_402_050_180_000),
        ("2014-06-06", 1_402_012_800_000),
        ("2014-06", 1_401_580_800_000),
        ("2000-02-29T00:00:00.000Z", 951_782_400_000),
    ])
    func parsesW3CDates(_ text: String, _ millis: Int64) {
        #expect(NXDate.parse(text) == millis)
    }

    @Test(arguments: ["", "yesterday", "2014-13-01", "2014-06-06T25:00", "2014-06-06T10:23:59.Z", "2014-06-06Tx"])
    func rejectsNonDates(_ text: String) {
        #expect(NXDate.parse(text) == nil)
    }
}

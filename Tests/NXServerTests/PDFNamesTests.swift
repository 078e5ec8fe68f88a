@testable import NXServer
import Testing

/// The names of the PDF operations' results (Nuxeo's `PDFPageExtractor.getFileName`).
@Suite struct PDFNamesTests {
    @Test func baseIsCutAtTheLastPDFExtensionInAnyCase() {
        #expect(PDFNames.base(of: "report.pdf") == "report")
        #expect(PDFNames.base(of: "Report.PDF") == "Report")
        #expect(PDFNames.base(of: "a.pdf.pdf") == "a.pdf")
        #expect(PDFNames.base(of: ".pdf") == ".pdf")
        #expect(PDFNames.base(of: nil) == "extracted")
        #expect(PDFNames.base(of: "  ") == "extracted")
    }

    /// Lowercasing `İ` makes the string longer: an index found in a lowercased copy was out of the name (a crash).
    @Test func namesThatGrowWhenLowercasedAreCutSafely() {
        #expect(PDFNames.base(of: "İİİİİİ.pdf") == "İİİİİİ")
        #expect(PDFNames.base(of: "İİİİİİİİİİİİ.txt") == "İİİİİİİİİİİİ.txt")
    }
}

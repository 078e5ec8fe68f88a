import Foundation
import NXRuntime
import Testing

/// The page count the conformance runner reads from a PDF answered by the server.
@Suite struct PDFPageCountTests {
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: ConversionServiceTests.fixtures + "/" + name)))
    }

    @Test func countsThePageObjects() throws {
        #expect(PDFPageCount.count(try Self.bytes("three-pages.pdf")) == 3)
    }

    @Test func fallsBackToThePageTreeCount() {
        // A page tree whose page objects are not visible (as in compressed object streams).
        #expect(PDFPageCount.count(Array("%PDF-1.7\n1 0 obj << /Type /Pages /Kids [] /Count 12 >> endobj".utf8)) == 12)
        #expect(PDFPageCount.count(Array("%PDF-1.7\n1 0 obj << /Type/Page/Parent 2 0 R >> 2 0 obj << /Type/Pages/Count 1 >>".utf8)) == 1)
    }

    @Test func answersNilForWhatIsNotAPDF() throws {
        #expect(PDFPageCount.count(try Self.bytes("gradient-64x48.png")) == nil)
        #expect(PDFPageCount.count(Array("%PDF-1.4\n".utf8)) == nil)
        #expect(PDFPageCount.count([]) == nil)
    }
}

import Foundation
@testable import NXCore
import NXRuntime
import Testing

/// The PostScript programs of the page-number and watermark overlays, and how Nuxeo's parameters are read.
@Suite struct PDFOverlayProgramTests {
    static let letter = PDFPageBox(media: (0, 0, 612, 792))

    @Test func clientTextOnlyAppearsAsHexadecimal() throws {
        let program = try PDFOverlayProgram.watermark([Self.letter], text: ") show (x) quit % é€’", PDFTextWatermark())
        #expect(!program.contains("quit") && !program.contains(") show ("))
        #expect(program.contains("/NXText <292073686F77202878292071756974202520E98092> def"))
    }

    @Test func encodesInWinAnsi() throws {
        #expect(try PDFOverlayProgram.encode("Aé€”", font: "Times-Roman") == [0x41, 0xE9, 0x80, 0x94])
        #expect(throws: NXError.invalid("U+000A is not available in the encoding of font Helvetica")) {
            try PDFOverlayProgram.encode("a\nb", font: "Helvetica")
        }
        #expect(throws: NXError.invalid("U+00E9 is not available in the encoding of font Symbol")) {
            try PDFOverlayProgram.encode("é", font: "Symbol")
        }
        #expect(throws: NXError.invalid("The text is too long: at most 65535 characters")) {
            try PDFOverlayProgram.encode(String(repeating: "a", count: 65_536), font: "Courier")
        }
    }

    @Test func readsColorsAsNuxeo() throws {
        #expect(try PDFColor(hex255: "#FF8000") == PDFColor(red: 255, green: 128, blue: 0))
        #expect(try PDFColor(hex255: "0x0000ff") == PDFColor(red: 0, green: 0, blue: 255))
        #expect(try PDFColor(hex255: "abc") == PDFColor(red: 0, green: 0, blue: 0), "fewer than 6 digits: black")
        #expect(try PDFColor(hex255: nil) == PDFColor(red: 0, green: 0, blue: 0))
        #expect(throws: NXError.self) { try PDFColor(hex255: "zz0000") }
    }

    @Test func readsWatermarkPropertiesAsNuxeo() throws {
        let watermark = try PDFTextWatermark(properties: [("fontSize", "36"), ("rotation", "-405"), ("invertX", "TRUE"), ("alphaColor", "7"),
                                                          ("xPosition", " "), ("scale", "2")])
        #expect(watermark.fontSize == 36 && watermark.rotation == -45 && watermark.invertX && watermark.alpha == 1 && watermark.x == 0)
        #expect(throws: NXError.invalid("Unknown property: size")) { try PDFTextWatermark(properties: [("size", "3")]) }
        #expect(throws: NXError.self) { try PDFTextWatermark(properties: [("fontSize", "nan")]) }
        #expect(throws: NXError.self) { try PDFTextWatermark(properties: [("xPosition", "1e300")]) }
        #expect(throws: NXError.self) { try PDFTextWatermark(properties: [("rotation", "9999999999")]) }
        #expect(throws: NXError.invalid("Not a standard font: Arial")) {
            try PDFOverlayProgram.watermark([Self.letter], text: "x", try PDFTextWatermark(properties: [("fontFamily", "Arial")]))
        }
    }

    @Test func numbersFromTheFirstNumberedPage() throws {
        var numbering = PDFPageNumbering()
        numbering.startAtPage = 2
        numbering.startAtNumber = -3
        let (program, first) = try PDFOverlayProgram.pageNumbers([Self.letter, Self.letter, Self.letter], numbering)
        #expect(first == 2)
        #expect(program.contains("<31> [612.0000 792.0000] 0.0000 0.0000 612.0000 792.0000 NXNumber\n"))
        #expect(program.contains("<32> [612.0000 792.0000]"))
        #expect(!program.contains("<33>"))
        numbering.startAtNumber = .max
        #expect(throws: NXError.self) { try PDFOverlayProgram.pageNumbers([Self.letter, Self.letter, Self.letter], numbering) }
        #expect(PDFPageNumbering.Position(option: "bottom CENTER") == .bottomCenter)
        #expect(PDFPageNumbering.Position(option: "middle") == .bottomRight)
    }

    @Test func drawsInTheTrimBox() {
        let page = PDFPageBox(media: (0, 0, 600, 800), trim: (10, 20, 590, 780))
        #expect(PDFOverlayProgram.pageOperands(page) == "[580.0000 760.0000] -10.0000 -20.0000 600.0000 800.0000")
    }

    @Test func readsPermissionsAsNuxeo() {
        let permissions = PDFPermissions(properties: [("PRINT", "true"), ("modifyAnnot", "True"), ("copy", "yes"), ("other", "true")])
        #expect(permissions.print && permissions.modifyAnnotations && !permissions.copy && !permissions.modify)
        // 0xFFFFF0C0: bits 7, 8 and 13 on (reserved ones), none of the eight permissions; plus bit 10.
        #expect(PDFPermissions(bits: -3904) == PDFPermissions())
        #expect(PDFPermissions(bits: -3904 + 512) == {
            var p = PDFPermissions()
            p.extractForAccessibility = true
            return p
        }())
        #expect(PDFPermissions.all.printDegraded && PDFPermissions.all.assemble)
    }
}

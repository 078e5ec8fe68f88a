import Foundation
import NXRuntime

/// The size of a page as the overlay needs it: its media box (where Nuxeo's positions are computed) and its trim box
/// (where qpdf places an overlay page, so the overlay page has the trim box's size), in points.
public struct PDFPageBox: Sendable, Equatable {
    /// Media box: lower-left x, lower-left y, upper-right x, upper-right y.
    public var media: (Double, Double, Double, Double)
    /// Trim box (the crop box, else the media box, when the page has none).
    public var trim: (Double, Double, Double, Double)

    /// A page whose boxes are `media` and `trim`.
    public init(media: (Double, Double, Double, Double), trim: (Double, Double, Double, Double)? = nil) {
        self.media = media
        self.trim = trim ?? media
    }

    public static func == (a: PDFPageBox, b: PDFPageBox) -> Bool { a.media == b.media && a.trim == b.trim }
}

/// An sRGB color from Nuxeo's `hex255Color` text.
public struct PDFColor: Sendable, Equatable {
    /// Red, green, blue, 0…255.
    public var red: UInt8, green: UInt8, blue: UInt8

    /// A color from its components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        (self.red, self.green, self.blue) = (red, green, blue)
    }

    /// Nuxeo's `PDFUtils.hex255ToRGB`: `#rrggbb`, `0xrrggbb` or `rrggbb` (any case; `#` and `0x` removed wherever they
    /// are); fewer than 6 digits is black; a pair that is not hexadecimal → 400 (a `NumberFormatException` in Nuxeo).
    public init(hex255 text: String?) throws {
        (red, green, blue) = (0, 0, 0)
        guard let text else { return }
        let digits = Array(text.lowercased().replacingOccurrences(of: "#", with: "").replacingOccurrences(of: "0x", with: ""))
        guard digits.count >= 6 else { return }
        var components: [UInt8] = []
        for i in 0..<3 {
            guard let value = UInt8(String(digits[(i * 2)...(i * 2 + 1)]), radix: 16) else {
                throw NXError.invalid("Invalid color '\(text)': #rrggbb, 0xrrggbb or rrggbb is expected")
            }
            components.append(value)
        }
        (red, green, blue) = (components[0], components[1], components[2])
    }
}

/// PostScript programs that Ghostscript turns into the overlay pages of `PDF.AddPageNumbers` and `PDF.WatermarkWithText`
/// (qpdf then lays them over the document's pages). Client text only ever appears as a hexadecimal string (`<48656C6C6F>`),
/// which no character can end early; font names come from the Standard 14 list and numbers are formatted here, so the
/// program holds nothing a client wrote verbatim.
public enum PDFOverlayProgram {
    /// The Standard 14 fonts (PDFBox's `PDType1Font` constants, the names Nuxeo accepts), with the height of their font
    /// bounding box in glyph units (Adobe's AFM files), which places top page numbers.
    public static let standardFonts: [String: Double] = [
        "Times-Roman": 1116, "Times-Bold": 1153, "Times-Italic": 1100, "Times-BoldItalic": 1139,
        "Helvetica": 1156, "Helvetica-Bold": 1190, "Helvetica-Oblique": 1156, "Helvetica-BoldOblique": 1190,
        "Courier": 1055, "Courier-Bold": 1051, "Courier-Oblique": 1055, "Courier-BoldOblique": 1051,
        "Symbol": 1303, "ZapfDingbats": 963,
    ]

    /// The fonts with their own symbolic encoding (only printable ASCII is drawn with them).
    static let symbolicFonts: Set<String> = ["Symbol", "ZapfDingbats"]

    /// The longest string PostScript holds.
    static let maxStringBytes = 65_535

    /// `text` in the font's encoding: WinAnsiEncoding (PDFBox's for the Standard 14 Latin fonts), printable ASCII for
    /// Symbol and ZapfDingbats. A character the encoding lacks (a control character, Cyrillic …) → 400, as PDFBox refuses it.
    public static func encode(_ text: String, font: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (0x20...0x7E).contains(value) {
                bytes.append(UInt8(value))
            } else if !symbolicFonts.contains(font), (0xA0...0xFF).contains(value) {
                bytes.append(UInt8(value))
            } else if !symbolicFonts.contains(font), let code = winAnsiExtras[value] {
                bytes.append(code)
            } else {
                throw NXError.invalid("U+\(String(format: "%04X", value)) is not available in the encoding of font \(font)")
            }
        }
        guard bytes.count <= maxStringBytes else { throw NXError.invalid("The text is too long: at most \(maxStringBytes) characters") }
        return bytes
    }

    /// WinAnsiEncoding's codes 0x80–0x9F.
    static let winAnsiExtras: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02C6: 0x88,
        0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93,
        0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
        0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// The glyph names of WinAnsiEncoding where PostScript's ISOLatin1Encoding differs.
    static let winAnsiGlyphs: [(UInt8, String)] = [
        (0x27, "quotesingle"), (0x2D, "hyphen"), (0x60, "grave"),
        (0x80, "Euro"), (0x82, "quotesinglbase"), (0x83, "florin"), (0x84, "quotedblbase"), (0x85, "ellipsis"), (0x86, "dagger"),
        (0x87, "daggerdbl"), (0x88, "circumflex"), (0x89, "perthousand"), (0x8A, "Scaron"), (0x8B, "guilsinglleft"), (0x8C, "OE"),
        (0x8E, "Zcaron"), (0x91, "quoteleft"), (0x92, "quoteright"), (0x93, "quotedblleft"), (0x94, "quotedblright"),
        (0x95, "bullet"), (0x96, "endash"), (0x97, "emdash"), (0x98, "tilde"), (0x99, "trademark"), (0x9A, "scaron"),
        (0x9B, "guilsinglright"), (0x9C, "oe"), (0x9E, "zcaron"), (0x9F, "Ydieresis"),
    ]

    /// A PostScript hexadecimal string.
    static func hexString(_ bytes: [UInt8]) -> String {
        "<" + bytes.map { String(format: "%02X", $0) }.joined() + ">"
    }

    /// A PostScript number (finite, fixed notation).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = String(format: "%.4f", value)
        return text == "-0.0000" ? "0.0000" : text
    }

    /// The program's start: `/NXFont`, the font re-encoded in WinAnsiEncoding (symbolic fonts as they are), and helpers.
    static func prologue(font: String) throws -> String {
        guard standardFonts[font] != nil else { throw NXError.invalid("Not a standard font: \(font)") }
        var lines = ["%!PS", "% Generated by nx: an overlay of the PDF operations."]
        if symbolicFonts.contains(font) {
            lines.append("/NXFont /\(font) findfont definefont pop")
        } else {
            let changes = winAnsiGlyphs.map { "dup \($0.0) /\($0.1) put" }.joined(separator: " ")
            lines.append("/NXEncoding ISOLatin1Encoding dup length array copy \(changes) def")
            lines.append("/NXFont /\(font) findfont dup length dict begin { 1 index /FID ne { def } { pop pop } ifelse } forall "
                         + "/Encoding NXEncoding def currentdict end definefont pop")
        }
        lines.append("/NXMin { 2 copy gt { exch } if pop } bind def")
        lines.append("/NXMax { 2 copy lt { exch } if pop } bind def")
        // [w h] ox oy W H NXStart: a page of the trim box's size, drawing in media box coordinates.
        lines.append("/NXStart { /H exch def /W exch def /oy exch def /ox exch def << /PageSize 3 -1 roll >> setpagedevice ox oy translate } bind def")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `[w h] ox oy W H` for `page`.
    static func pageOperands(_ page: PDFPageBox) -> String {
        let (mx, my, mX, mY) = page.media
        let (tx, ty, tX, tY) = page.trim
        return "[\(number(tX - tx)) \(number(tY - ty))] \(number(mx - tx)) \(number(my - ty)) \(number(mX - mx)) \(number(mY - my))"
    }

    static func colorOperands(_ color: PDFColor) -> String {
        "\(number(Double(color.red) / 255)) \(number(Double(color.green) / 255)) \(number(Double(color.blue) / 255))"
    }
}

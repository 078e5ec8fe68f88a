import Foundation
import NXRuntime

/// How `PDF.WatermarkWithText` draws its text (Nuxeo's `WatermarkProperties`).
public struct PDFTextWatermark: Sendable, Equatable {
    /// A Standard 14 font name.
    public var fontFamily = "Helvetica"
    /// Size in points.
    public var fontSize: Double = 72
    /// Counterclockwise degrees (kept modulo 360, sign included, as Java's `%`).
    public var rotation: Int = 0
    /// Color.
    public var color = PDFColor(red: 0, green: 0, blue: 0)
    /// Opacity: 0 is transparent, 1 solid.
    public var alpha: Double = 0.5
    /// Points from the left (from the right with `invertX`), or 0…1 of the free width with `relativeCoordinates`.
    public var x: Double = 0
    /// Points from the bottom (from the top with `invertY`), or 0…1 of the free height with `relativeCoordinates`.
    public var y: Double = 0
    /// `x` counts from the right.
    public var invertX = false
    /// `y` counts from the top.
    public var invertY = false
    /// `x` and `y` are fractions of the free space.
    public var relativeCoordinates = false
    /// The scale of image watermarks (accepted, unused for text).
    public var scale: Double = 1

    /// Nuxeo's default properties.
    public init() {}

    /// Largest font size, and largest coordinate magnitude, drawn.
    public static let maxFontSize: Double = 10_000, maxCoordinate: Double = 1_000_000

    /// The defaults updated from Nuxeo's `properties` (`updateFromMap`): a blank key or value is skipped; numbers parse
    /// as Java does (a bad one, or one out of bounds → 400); booleans are true only for `true` (any case); an unknown
    /// key → 400 "Unknown property: <key>".
    public init(properties: [(key: String, value: String)]) throws {
        func double(_ key: String, _ text: String, bound: Double) throws -> Double {
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, abs(value) <= bound else {
                throw NXError.invalid("Invalid value '\(text)' of watermark property \(key): a number up to \(Int(bound)) is expected")
            }
            return value
        }
        for (key, value) in properties {
            if key.trimmingCharacters(in: .whitespaces).isEmpty || value.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            switch key {
            case "fontFamily": fontFamily = value
            case "fontSize": fontSize = try double(key, value, bound: Self.maxFontSize)
            case "rotation":
                guard let degrees = Int32(value) else {
                    throw NXError.invalid("Invalid value '\(value)' of watermark property rotation: an integer is expected")
                }
                rotation = Int(degrees) % 360
            case "hex255Color": color = try PDFColor(hex255: value)
            case "alphaColor": alpha = min(1, max(0, try double(key, value, bound: Self.maxCoordinate)))
            case "xPosition": x = try double(key, value, bound: Self.maxCoordinate)
            case "yPosition": y = try double(key, value, bound: Self.maxCoordinate)
            case "invertX": invertX = value.lowercased() == "true"
            case "invertY": invertY = value.lowercased() == "true"
            case "relativeCoordinates": relativeCoordinates = value.lowercased() == "true"
            case "scale": scale = try double(key, value, bound: Self.maxCoordinate)
            default: throw NXError.invalid("Unknown property: \(key)")
            }
        }
    }
}

extension PDFOverlayProgram {
    /// One overlay page per page of `pages` with `text` drawn as Nuxeo's `applyTextWatermark` draws it: the text's box
    /// (its width by the font size) rotated, its bounding box placed at the position (`computeTranslationVector`), the
    /// text drawn from the translation with the rotation, with the fill opacity.
    public static func watermark(_ pages: [PDFPageBox], text: String, _ watermark: PDFTextWatermark) throws -> String {
        var program = try prologue(font: watermark.fontFamily)
        let encoded = hexString(try encode(text, font: watermark.fontFamily))
        let size = watermark.fontSize
        guard size > 0, size <= PDFTextWatermark.maxFontSize else {
            throw NXError.invalid("Invalid font size \(size): from 0 to \(Int(PDFTextWatermark.maxFontSize)) is expected")
        }
        let radians = Double(watermark.rotation) * .pi / 180
        let (c, s) = (number(cos(radians)), number(sin(radians)))
        var body = "/NXFont findfont \(number(size)) scalefont setfont \(colorOperands(watermark.color)) setrgbcolor "
            + "\(number(watermark.alpha)) .setfillconstantalpha /ww NXText stringwidth pop def /wh \(number(size)) def /xo 0 def /yo 0 def "
        if watermark.rotation != 0 {
            // The box (0, -h, w, h) rotated by -angle (Java 2D's AffineTransform), then its bounds.
            body += "/x1 ww \(c) mul def /x2 ww \(c) mul wh \(s) mul sub def /x3 wh \(s) mul neg def "
                + "/y1 ww \(s) mul neg def /y2 ww \(s) mul neg wh \(c) mul sub def /y3 wh \(c) mul neg def "
                + "/rx 0 x1 NXMin x2 NXMin x3 NXMin def /rX 0 x1 NXMax x2 NXMax x3 NXMax def "
                + "/ry 0 y1 NXMin y2 NXMin y3 NXMin def /rY 0 y1 NXMax y2 NXMax y3 NXMax def "
                + "/ww rX rx sub def /wh rY ry sub def "
            body += !watermark.invertX || watermark.relativeCoordinates ? "/xo rx neg def " : "/xo rx def "
            body += !watermark.invertY || watermark.relativeCoordinates ? "/yo ry wh add def " : "/yo ry wh add neg def "
        }
        let (x, y) = (number(watermark.x), number(watermark.y))
        if watermark.relativeCoordinates {
            body += "/tx W ww sub \(x) mul xo add def /ty H wh sub \(y) mul yo add def "
        } else {
            body += "/tx \(x) xo add def /ty \(y) yo add def "
            if watermark.invertX { body += "/tx W ww sub tx sub def " }
            if watermark.invertY { body += "/ty H wh sub ty sub def " }
        }
        body += "tx ty translate \(watermark.rotation) rotate 0 0 moveto NXText show"
        program += "/NXText \(encoded) def\n"
        // [w h] ox oy W H NXMark
        program += "/NXMark { NXStart \(body) showpage } bind def\n"
        for page in pages { program += "\(pageOperands(page)) NXMark\n" }
        return program
    }
}

import Foundation
import NXRuntime

/// How `PDF.AddPageNumbers` numbers pages (Nuxeo's `PDFPageNumbering`).
public struct PDFPageNumbering: Sendable, Equatable {
    /// Where a number is drawn, 10 points from the page's edges.
    public enum Position: String, Sendable, CaseIterable {
        case bottomLeft = "Bottom left", bottomCenter = "Bottom center", bottomRight = "Bottom right"
        case topLeft = "Top left", topCenter = "Top center", topRight = "Top right"

        /// Nuxeo's option text, any case; anything else is bottom right.
        public init(option: String) {
            self = Self.allCases.first { $0.rawValue.lowercased() == option.lowercased() } ?? .bottomRight
        }
    }

    /// The first page numbered (1-based; below 1 is 1, past the last page is 1 too).
    public var startAtPage: Int64 = 1
    /// Its number (below 1 is 1).
    public var startAtNumber: Int64 = 1
    /// Where.
    public var position: Position = .bottomRight
    /// A Standard 14 font name (blank: Helvetica).
    public var fontName = "Helvetica"
    /// Size in points (not positive: 16).
    public var fontSize: Double = 16
    /// Color (Nuxeo's default is white).
    public var color = PDFColor(red: 255, green: 255, blue: 255)

    /// The default numbering.
    public init() {}

    /// Largest font size drawn.
    public static let maxFontSize: Double = 10_000
}

extension PDFOverlayProgram {
    /// The overlay pages numbering `pages` (one overlay page per numbered page, from the first numbered one): Nuxeo's
    /// positions — x 10 points from the left or right edge (or centered on half the media box's upper-right x), y 10 points
    /// above the bottom, or the font's bounding box height plus 10 points below the top. Answers the program and the
    /// first numbered page (1-based).
    public static func pageNumbers(_ pages: [PDFPageBox], _ numbering: PDFPageNumbering) throws -> (program: String, firstPage: Int) {
        let font = numbering.fontName.trimmingCharacters(in: .whitespaces).isEmpty ? "Helvetica" : numbering.fontName
        var program = try prologue(font: font)
        guard let bboxHeight = standardFonts[font] else { throw NXError.invalid("Not a standard font: \(font)") }
        let size = numbering.fontSize > 0 ? numbering.fontSize : 16
        guard size <= PDFPageNumbering.maxFontSize else {
            throw NXError.invalid("Invalid font size \(numbering.fontSize): at most \(Int(PDFPageNumbering.maxFontSize)) is expected")
        }
        let stringHeight = bboxHeight * size / 1000
        let x: String
        switch numbering.position {
        case .bottomLeft, .topLeft: x = "10"
        case .bottomCenter, .topCenter: x = "W 2 div sw 2 div sub"
        case .bottomRight, .topRight: x = "W 10 sub sw sub"
        }
        let y: String
        switch numbering.position {
        case .bottomLeft, .bottomCenter, .bottomRight: y = "10"
        case .topLeft, .topCenter, .topRight: y = "H \(number(stringHeight)) sub 10 sub"
        }
        // (number) [w h] ox oy W H NXNumber
        program += "/NXNumber { NXStart /s exch def /NXFont findfont \(number(size)) scalefont setfont "
            + "\(colorOperands(numbering.color)) setrgbcolor /sw s stringwidth pop def \(x) \(y) moveto s show showpage } bind def\n"
        var firstPage = max(1, numbering.startAtPage)
        if firstPage > Int64(pages.count) { firstPage = 1 }
        let start = max(1, numbering.startAtNumber)
        for index in Int(firstPage)...max(Int(firstPage), pages.count) where index <= pages.count {
            let (current, overflow) = start.addingReportingOverflow(Int64(index) - firstPage)
            guard !overflow else { throw NXError.invalid("Invalid startAtNumber \(numbering.startAtNumber): the page numbers overflow") }
            program += "\(hexString(try encode(String(current), font: font))) \(pageOperands(pages[index - 1])) NXNumber\n"
        }
        return (program, Int(firstPage))
    }
}

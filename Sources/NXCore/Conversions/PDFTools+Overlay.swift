import Foundation
import NXRuntime

/// Overlays: page numbers and text watermarks drawn by Ghostscript on pages of the document's sizes (from a generated
/// PostScript program, see `PDFOverlayProgram`), laid over the document's pages by qpdf (which keeps everything else of
/// the document as it is).
extension PDFWorkDirectory {
    /// A copy of the readable PDF `file` with page numbers.
    public func addPageNumbers(_ file: String, _ numbering: PDFPageNumbering) async throws -> String {
        let failure = "Failed to handle the pdf"
        let pages = try await pageBoxes(file, failure: failure)
        guard !pages.isEmpty else { return file }
        let (program, firstPage) = try PDFOverlayProgram.pageNumbers(pages, numbering)
        return try await overlay(file, program: program, fromPage: firstPage, failure: failure)
    }

    /// A copy of the readable PDF `file` with `text` drawn on every page.
    public func watermark(_ file: String, text: String, _ watermark: PDFTextWatermark) async throws -> String {
        let failure = "Failed to watermark the PDF"
        let pages = try await pageBoxes(file, failure: failure)
        guard !pages.isEmpty else { return file }
        return try await overlay(file, program: try PDFOverlayProgram.watermark(pages, text: text, watermark), fromPage: 1, failure: failure)
    }

    /// `file` with the pages `program` draws laid over its pages from `fromPage` on.
    func overlay(_ file: String, program: String, fromPage: Int, failure: String) async throws -> String {
        let source = try privateFile("ps", contents: Data(program.utf8))
        let overlay = newFile("pdf")
        try await run(.gs, ["-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dALLOWPSTRANSPARENCY", "-sDEVICE=pdfwrite",
                            "-dAutoRotatePages=/None", "-sOutputFile=" + overlay, source], failure: failure)
        let target = newFile("pdf")
        try await run(.qpdf, ["--warning-exit-0", file, "--overlay", overlay, "--to=\(fromPage)-z", "--from=1-z", "--", target], failure: failure)
        return target
    }

    /// The media and trim boxes of every page of a readable PDF (poppler's `pdfinfo -box`, to the hundredth of a point).
    public func pageBoxes(_ file: String, failure: String) async throws -> [PDFPageBox] {
        let count = try await pageCount(file, failure: failure)
        guard count > 0 else { return [] }
        let text = try await output(.pdfinfo, ["-box", "-f", "1", "-l", String(count), file], failure: failure)
        let boxes = Self.parseBoxes(text)
        return try (1...count).map { page in
            guard let media = boxes[page]?["MediaBox"] else { throw NXError.invalid(failure) }
            return PDFPageBox(media: media, trim: boxes[page]?["TrimBox"])
        }
    }

    /// `Page    3 MediaBox:     0.00     0.00   612.00   792.00` lines of `pdfinfo -box`, by page and box name.
    static func parseBoxes(_ text: String) -> [Int: [String: (Double, Double, Double, Double)]] {
        var result: [Int: [String: (Double, Double, Double, Double)]] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("Page ") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 7, let page = Int(fields[1]), fields[2].hasSuffix("Box:") else { continue }
            let values = fields[3...6].compactMap { Double($0) }
            guard values.count == 4, values.allSatisfy(\.isFinite) else { continue }
            result[page, default: [:]][String(fields[2].dropLast())] = (values[0], values[1], values[2], values[3])
        }
        return result
    }
}

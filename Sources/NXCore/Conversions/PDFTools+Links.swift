import Foundation
import NXRuntime

/// A link annotation's target, as Nuxeo's `PDFLinks` reads it.
public struct PDFLink: Sendable, Equatable {
    /// The kinds of link `PDF.ExtractLinks` reads.
    public enum Kind: String, Sendable, CaseIterable {
        case launch = "Launch", remoteGoTo = "GoToR", uri = "URI"

        /// The operation's `type` option (`Launch`, `Remote Go To`, `URI`, any case); nil for another.
        public init?(option: String) {
            switch option.lowercased() {
            case "launch": self = .launch
            case "remote go to": self = .remoteGoTo
            case "uri": self = .uri
            default: return nil
            }
        }
    }

    /// Page number, from 1.
    public var page: Int
    /// The action's kind (PDFBox's subtype name: `Launch`, `GoToR`, `URI`).
    public var kind: Kind
    /// The page's text under the link's rectangle, a line break after each line.
    public var text: String
    /// The URI, or the file of a launch or remote go-to action.
    public var link: String
}

/// Links: the annotations from qpdf's JSON of the document, the text under them from poppler's word boxes.
extension PDFWorkDirectory {
    /// The links of a readable PDF whose action is one of `kinds`, grouped by kind in the order of `kinds`, then by page
    /// and annotation order. Links without a target are skipped.
    public func links(of file: String, kinds: [PDFLink.Kind]) async throws -> [PDFLink] {
        let failure = "Cannot preflight and prepare regions"
        let json = try await qpdfJSON(["--json-key=pages", "--json-key=qpdf"], file, failure: failure)
        guard let root = json.objectValue, let pages = root["pages"]?.arrayValue,
              let objects = root["qpdf"]?.arrayValue?.last?.objectValue
        else { throw NXError.invalid(failure) }
        func resolve(_ value: JSONValue?) -> JSONValue? {
            var current = value
            for _ in 0..<8 {
                guard let ref = current?.stringValue, Self.isReference(ref) else { return current }
                current = objects["obj:" + ref]?.objectValue?["value"]
            }
            return nil
        }
        // (page, kind, rectangle, target) in page and annotation order.
        var found: [(page: Int, kind: PDFLink.Kind, rect: [Double], link: String)] = []
        for (index, page) in pages.enumerated() {
            guard let pageDict = resolve(page.objectValue?["object"])?.objectValue,
                  let annotations = resolve(pageDict["/Annots"])?.arrayValue
            else { continue }
            for annotation in annotations {
                guard let dict = resolve(annotation)?.objectValue, dict["/Subtype"]?.stringValue == "/Link",
                      let action = resolve(dict["/A"])?.objectValue, let subtype = action["/S"]?.stringValue,
                      let kind = PDFLink.Kind(rawValue: String(subtype.dropFirst())), kinds.contains(kind)
                else { continue }
                let rect = (resolve(dict["/Rect"])?.arrayValue ?? []).compactMap { resolve($0).flatMap(Self.number) }
                var target: String?
                switch kind {
                case .uri: target = resolve(action["/URI"])?.stringValue.flatMap(Self.text)
                case .launch, .remoteGoTo:
                    let spec = resolve(action["/F"])
                    target = spec?.stringValue.flatMap(Self.text)
                        ?? (spec?.objectValue?["/F"]).flatMap { resolve($0)?.stringValue }.flatMap(Self.text)
                }
                guard let target, !target.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, rect.count == 4 else { continue }
                found.append((index + 1, kind, rect, target))
            }
        }
        guard !found.isEmpty else { return [] }
        let wordsFile = newFile("html")
        try await run(.pdftotext, ["-bbox-layout", "-enc", "UTF-8", file, wordsFile], failure: failure)
        let layout = Self.parseWordBoxes(try read(wordsFile, failure: failure))
        var result: [PDFLink] = []
        for kind in kinds {
            for link in found where link.kind == kind {
                let text = layout[link.page].map { Self.text(in: link.rect, of: $0) } ?? ""
                result.append(PDFLink(page: link.page, kind: kind, text: text, link: link.link))
            }
        }
        return result
    }

    /// A page of `pdftotext -bbox-layout`: its height and its lines of words (boxes from the top-left corner, in points).
    struct PageWords {
        var height: Double
        var lines: [[(x0: Double, y0: Double, x1: Double, y1: Double, word: String)]]
    }

    /// The pages of `pdftotext -bbox-layout` output, by page number.
    static func parseWordBoxes(_ html: String) -> [Int: PageWords] {
        var pages: [Int: PageWords] = [:]
        var current: PageWords?
        var number = 0
        var line: [(x0: Double, y0: Double, x1: Double, y1: Double, word: String)] = []
        let word = /<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">(.*?)<\/word>/
        for raw in html.split(separator: "\n") {
            let text = raw.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("<page ") {
                number += 1
                let height = text.firstMatch(of: /height="([0-9.]+)"/).flatMap { Double($0.1) } ?? 0
                current = PageWords(height: height, lines: [])
            } else if text.hasPrefix("</page>") {
                if let current { pages[number] = current }
                current = nil
            } else if text.hasPrefix("<line") {
                line = []
            } else if text.hasPrefix("</line>") {
                if !line.isEmpty { current?.lines.append(line) }
            } else if let match = text.firstMatch(of: word), let x0 = Double(match.1), let y0 = Double(match.2),
                      let x1 = Double(match.3), let y1 = Double(match.4) {
                line.append((x0, y0, x1, y1, MarkupEntities.decode(String(match.5))))
            }
        }
        return pages
    }

    /// The words of `page` whose center lies in `rect` (PDF coordinates, from the bottom), a line break after each line.
    static func text(in rect: [Double], of page: PageWords) -> String {
        let (left, right) = (min(rect[0], rect[2]), max(rect[0], rect[2]))
        // Nuxeo turns the rectangle's top into a distance from the page's top.
        let (top, bottom) = (page.height - max(rect[1], rect[3]), page.height - min(rect[1], rect[3]))
        var text = ""
        for line in page.lines {
            let words = line.filter { word in
                let (x, y) = ((word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2)
                return x >= left && x <= right && y >= top && y <= bottom
            }
            if !words.isEmpty { text += words.map(\.word).joined(separator: " ") + "\n" }
        }
        return text
    }

    /// A number of qpdf's JSON.
    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// A string of qpdf's JSON: `u:` text, `b:` hexadecimal bytes (as Latin-1, or UTF-16 with its byte order mark).
    static func text(_ value: String) -> String? {
        if value.hasPrefix("u:") { return String(value.dropFirst(2)) }
        guard value.hasPrefix("b:") else { return nil }
        let hex = Array(value.dropFirst(2))
        guard hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for i in stride(from: 0, to: hex.count, by: 2) {
            guard let byte = UInt8(String(hex[i...i + 1]), radix: 16) else { return nil }
            bytes.append(byte)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return String(data: Data(bytes.dropFirst(2)), encoding: .utf16BigEndian)
        }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}

import Foundation
import Ink
import NXRuntime

/// The converters nx implements itself (`builtin:` in `Spec/converters/`).
enum BuiltinConverters {
    /// Largest input a builtin reads (larger files are refused, not truncated silently).
    static let maxInputBytes = 32 << 20

    static func run(_ name: String, source: ConversionSource, target: String, extractor: TextExtractor) async throws {
        let output: Data
        switch name {
        case "html2text":
            let bytes = try read(source.path)
            let words = HTMLTextStripper.text(of: bytes, truncated: false).split(whereSeparator: \.isWhitespace)
            output = Data((words.joined(separator: " ") + "\n").utf8)
        case "any2text":
            output = Data((await extractor.extract(path: source.path, mimeType: source.mimeType) ?? "").utf8)
        case "md2html":
            let markdown = String(decoding: try read(source.path), as: UTF8.self)
            let body = MarkdownParser().html(from: markdown)
            output = Data(("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" + body + "\n</body></html>\n").utf8)
        case "identity":
            output = Data(try read(source.path))
        default:
            throw NXError.internal("Unknown builtin converter \(name)")
        }
        try output.write(to: URL(fileURLWithPath: target))
    }

    static func read(_ path: String) throws -> [UInt8] {
        let contents: [UInt8]?
        do { contents = try FileReader.contents(of: path, atMost: maxInputBytes) } catch { throw NXError.notFound("The file to convert is missing") }
        guard let contents else { throw NXError.invalid("The file is too large to convert (more than \(maxInputBytes) bytes)") }
        return contents
    }
}

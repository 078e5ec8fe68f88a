import Foundation
import NXRuntime
import ZIPFoundation

/// The guard against zip bombs (DOCX, XLSX, PPTX, OpenDocument files are zip archives): before a tool opens a file that
/// starts as a zip does — whatever type the client declared, as LibreOffice reads the content — its central directory
/// is read and the file is refused (400) when its entries would expand beyond a bound or by more than a ratio, or when
/// it is not a readable archive. A file that lies about its sizes is still stopped by the tool's timeout and memory
/// limit.
public struct ArchiveLimits: Sendable {
    /// Largest total expanded size of the entries.
    public var maxExpandedBytes: Int64
    /// Largest ratio of the expanded size to the file's size.
    public var maxRatio: Int64
    /// Most entries.
    public var maxEntries: Int

    public init(maxExpandedBytes: Int64 = 512 << 20, maxRatio: Int64 = 500, maxEntries: Int = 10_000) {
        self.maxExpandedBytes = maxExpandedBytes
        self.maxRatio = maxRatio
        self.maxEntries = maxEntries
    }

    /// Whether the file at `path` starts with a zip local file header (`PK\u{3}\u{4}`).
    public static func isArchive(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)).flatMap { $0 }.map { Array($0) == [0x50, 0x4B, 0x03, 0x04] } ?? false
    }

    /// Refuses the archive at `path` when it exceeds the limits (`converter` names the conversion in the message).
    public func check(_ path: String, converter: String) throws {
        let refused = { (why: String) in NXError.invalid("Conversion with \(converter) refused: \(why)") }
        let fileSize = ConversionService.fileSize(path) ?? 0
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw refused("the file is not a readable archive")
        }
        var expanded: Int64 = 0
        var entries = 0
        for entry in archive {
            entries += 1
            if entries > maxEntries { throw refused("the archive holds more than \(maxEntries) entries") }
            let (sum, overflow) = expanded.addingReportingOverflow(Int64(clamping: entry.uncompressedSize))
            expanded = overflow ? Int64.max : sum
            if expanded > maxExpandedBytes { throw refused("the archive expands beyond \(maxExpandedBytes >> 20) MiB") }
        }
        let (bound, overflow) = max(fileSize, 1).multipliedReportingOverflow(by: maxRatio)
        if !overflow, expanded > bound, expanded > 1 << 20 {
            throw refused("the archive expands \(expanded / max(fileSize, 1)) times its size (at most \(maxRatio))")
        }
    }
}

import Foundation
import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime
import ZIPFoundation

/// `Blob.CreateZip` and `Blob.BulkDownload` (Nuxeo's CreateZip and BulkDownload, both through `BlobUtils.zip`).
extension DocumentOperations {
    /// A zip of the input file(s), named `filename`, else after the first file (as it is: no `.zip` is added).
    func blobCreateZip(_ input: Value, _ params: BlobCreateZipParams, context: Context) async throws -> Value {
        let blobs = try context.blobs(input)
        let name = params.filename.flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0.trimmingWhitespace } ?? blobs.first?.name
        return .blob(try await context.zip(blobs, name: name))
    }

    /// A zip of the main file of each input document (documents without one are skipped); no result when none has one.
    /// Named `filename`, else `BlobListZip-<uuid>-<user>`.
    func blobBulkDownload(_ input: Value, _ params: BlobBulkDownloadParams, context: Context) async throws -> Value {
        var blobs: [BlobValue] = []
        for document in try await context.documents(input) {
            if let blob = context.repository.holderBlobs(of: document).first?.blob {
                blobs.append(blob)
            } else if let note = try context.repository.storedNoteBlob(of: document) {
                blobs.append(note)
            }
        }
        guard !blobs.isEmpty else { return .void }
        let name = params.filename.flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0.trimmingWhitespace }
            ?? "BlobListZip-\(UUID().uuidString.lowercased())-\(context.principal.name)"
        return .blob(try await context.zip(blobs, name: name))
    }
}

extension OperationContext {
    /// At most this many files in one zip.
    static let maxZipEntries = 10_000

    /// Zips stored blobs into a new stored `application/zip` blob (deflated entries named after each file, `Unknown_<n>`
    /// when unnamed, a repeated name becoming `renamed_<n>_<name>`), written through a private temporary file.
    func zip(_ blobs: [BlobValue], name: String?) async throws -> BlobValue {
        guard let binaries = repository.binaries else { throw NXError.unsupported("No binary store is configured") }
        guard blobs.count <= Self.maxZipEntries else { throw NXError.invalid("Too many files to zip: \(blobs.count), the limit is \(Self.maxZipEntries)") }
        var entries: [(name: String, path: String)] = []
        var used: Set<String> = []
        var renamed = 1
        for (index, blob) in blobs.enumerated() {
            guard let path = binaries.file(blob.digest) else { throw NXError.notFound("The content of \(blob.name ?? "a file") is missing") }
            var entry = blob.name.flatMap { $0.isEmpty ? nil : $0 } ?? "Unknown_\(index)"
            if used.contains(entry) {
                entry = "renamed_\(renamed)_\(entry)"
                renamed += 1
            }
            used.insert(entry)
            entries.append((entry, path))
        }
        return try await repository.storeGenerated(name: name, mimeType: "application/zip") { [entries] url in
            let archive = try Archive(url: url, accessMode: .create)
            for entry in entries {
                try archive.addEntry(with: entry.name, fileURL: URL(fileURLWithPath: entry.path), compressionMethod: .deflate)
            }
        }
    }
}

import ArgumentParser
import Foundation
import NXClient

/// `nx upload FILE PARENT`: a file into a new document, in chunks, with a progress bar on a terminal.
struct Upload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Upload a file into a new document (File by default).")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The file to upload.") var file: String
    @Argument(help: "The folder to create the document in: /path or id.") var parent: String
    @Option(name: .shortAndLong, help: "Document type.") var type: String = "File"
    @Option(name: .shortAndLong, help: "Document name (default: the file's name).") var name: String?
    @Option(help: "MIME type (default: the server guesses from the name).") var mimeType: String?
    @Option(help: "Chunk size in bytes.") var chunkSize: Int = 8 << 20

    func run() async throws {
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        let bar = ProgressBar("upload \(fileName)")
        let source: NXUploadSource
        do {
            source = try NXUploadSource.file(file, progress: { sent, total in bar.update(sent, of: total) })
        } catch {
            throw ValidationError("cannot read \(file): \(error)")
        }
        try await reportingErrors { () async throws(NXClientError) in
            let client = connection.client()
            let uploaded = try await client.uploads.send(source, name: fileName, mimeType: mimeType, chunkSize: chunkSize)
            bar.finish()
            let body = DocumentEntity(type: type, properties: ["dc:title": .string(fileName), "file:content": uploaded.reference],
                                      name: name ?? fileName)
            let created = try await client.documents.create(in: documentRef(parent), body)
            DocumentOutput.print(created, output.resolved)
        }
    }
}

/// `nx download REF`: a blob of a document, streamed to a file (or standard output), with a progress bar on a terminal.
struct Download: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Download a blob of a document.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The document: /path or id.") var document: String
    @Option(help: "The blob's property xpath.") var xpath: String = "file:content"
    @Option(name: .shortAndLong, help: "Where to write it (`-` for standard output; default: the document's name).") var output: String?

    func run() async throws {
        try await reportingErrors { () async throws(NXClientError) in
            let client = connection.client()
            let download = try await client.blobs.download(of: documentRef(document), xpath: xpath)
            let target = output ?? Self.defaultName(document)
            let handle: FileHandle
            if target == "-" {
                handle = FileHandle.standardOutput
            } else {
                guard FileManager.default.createFile(atPath: target, contents: nil), let opened = FileHandle(forWritingAtPath: target) else {
                    throw .transport("cannot write \(target)")
                }
                handle = opened
            }
            let bar = ProgressBar("download \(target == "-" ? xpath : target)")
            var received: Int64 = 0
            do {
                for try await chunk in download.bytes {
                    if target == "-" { Terminal.write(Data(chunk)) } else { try handle.write(contentsOf: Data(chunk)) }
                    received += Int64(chunk.count)
                    bar.update(received, of: download.length ?? received)
                }
            } catch {
                throw .transport("\(error)")
            }
            bar.finish()
            if target != "-" { try? handle.close() }
        }
    }

    /// The last segment of a path, or the id.
    static func defaultName(_ document: String) -> String {
        document.split(separator: "/").last.map(String.init) ?? document
    }
}

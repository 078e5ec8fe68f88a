import Foundation

/// Temporary files and hand-made binary fixtures for the blob tests.
enum BlobTestFiles {
    /// A fresh temporary directory.
    static func makeDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nx-blobs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Writes `bytes` to a new file named `name` in a fresh temporary directory and returns its path.
    static func write(_ bytes: [UInt8], name: String = "file.bin") throws -> String {
        let url = try makeDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Writes `text` as UTF-8 to a new temporary file and returns its path.
    static func write(_ text: String, name: String = "file.txt") throws -> String {
        try write(Array(text.utf8), name: name)
    }

    /// Writes an executable shell script standing in for an external tool and returns its path.
    /// The file is written through a descriptor opened close-on-exec: a process another test forks meanwhile (the
    /// Durability tests' nxserver lives for seconds) must not inherit it open for writing, or executing the script
    /// fails with ETXTBSY ("Text file busy") for as long as that process runs.
    static func script(_ body: String) throws -> String {
        let path = try makeDirectory().appendingPathComponent("tool.sh").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        let bytes = Array(("#!/bin/sh\n" + body + "\n").utf8)
        guard bytes.withUnsafeBytes({ Foundation.write(fd, $0.baseAddress, $0.count) }) == bytes.count else {
            throw CocoaError(.fileWriteUnknown)
        }
        return path
    }

    /// A minimal valid one-page PDF showing `text` in Helvetica, with a correct cross-reference table.
    static func pdf(showing text: String) -> [UInt8] {
        let content = "BT /F1 24 Tf 72 720 Td (\(text)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                + "/Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ]
        var body = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(body.utf8.count)
            body += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xrefOffset = body.utf8.count
        body += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            body += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        body += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xrefOffset)\n%%EOF\n"
        return Array(body.utf8)
    }

    /// A ZIP local file header followed by the entry data (`method` 0 = stored, 8 = deflated; the data is not
    /// actually compressed, only its size matters to the sniffer).
    static func zipEntry(_ name: String, data: [UInt8], method: UInt16 = 0) -> [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16((v >> 16) & 0xFFFF) }
        let nameBytes = Array(name.utf8)
        var header: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        header += le16(20) + le16(0) + le16(Int(method)) + le16(0) + le16(0x21) + le32(0)
        header += le32(data.count) + le32(data.count) + le16(nameBytes.count) + le16(0)
        return header + nameBytes + data
    }
}

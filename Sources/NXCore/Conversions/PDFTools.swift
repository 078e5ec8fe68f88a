import Foundation
import Logging
import NXRuntime

/// A program behind the PDF operations.
public enum PDFTool: String, Sendable, CaseIterable {
    /// qpdf: pages, merges, encryption, overlays, structure as JSON.
    case qpdf
    /// poppler-utils' text extraction.
    case pdftotext
    /// poppler-utils' document information.
    case pdfinfo
    /// poppler-utils' page rendering.
    case pdftoppm
    /// Ghostscript: the overlay pages (page numbers, text watermarks) from a generated PostScript program.
    case gs
}

/// The tools of the PDF operations (Nuxeo's PDF utilities add-on, which uses PDFBox): qpdf, poppler-utils and
/// Ghostscript, each run by `ConverterRunner` (an argument array, never a shell; a timeout, address-space, CPU-time and
/// file-size limits) in a private work directory under the conversion root, at most as many at a time as the
/// conversions (the same semaphore). Passwords never appear on a command line: qpdf reads them from a job file of the
/// work directory (mode 0600), removed with it.
public struct PDFTools: Sendable {
    let root: String
    let runner: ConverterRunner
    let slots: AsyncSemaphore
    /// Longest one tool run may take, in seconds (its CPU time is bounded the same).
    public var timeout: Int
    /// Largest file one tool run may write, in bytes; also the bound of all the pictures of one document.
    public var maxFileBytes: Int64
    /// Most pages `pictures(of:)` renders (300 DPI PNG files, a few MB each).
    public var maxPictures: Int
    /// Largest tool output read back into memory (text, JSON), in bytes.
    public var maxReadBytes: Int

    init(root: String, runner: ConverterRunner, slots: AsyncSemaphore, timeout: Int = 300, maxFileBytes: Int64 = 512 << 20,
         maxPictures: Int = 1000, maxReadBytes: Int = 64 << 20) {
        self.root = root
        self.runner = runner
        self.slots = slots
        self.timeout = timeout
        self.maxFileBytes = maxFileBytes
        self.maxPictures = maxPictures
        self.maxReadBytes = maxReadBytes
    }

    /// Whether `tool` is installed (on `PATH`).
    public static func isAvailable(_ tool: PDFTool) -> Bool { TextExtractor.findExecutable(tool.rawValue) != nil }

    /// Runs `body` with a fresh private work directory (mode 0700), removed afterwards: results must be stored (or read)
    /// before `body` returns.
    @discardableResult
    public func withWorkDirectory<T>(_ body: (PDFWorkDirectory) async throws -> T) async throws -> T {
        let path = try ConverterRunner.makeWorkDir(under: root)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(PDFWorkDirectory(path: path, tools: self))
    }
}

/// A private directory where the PDF tools read and write; see `PDFTools.withWorkDirectory`. Operations on files of
/// the directory (or stored binaries, read in place) answer the path of a new file of the directory.
public struct PDFWorkDirectory: Sendable {
    /// The directory.
    public let path: String
    let tools: PDFTools
    let logger = Logger(label: "nx.pdf")

    /// A new file name in the directory, with extension `ext`.
    public func newFile(_ ext: String) -> String {
        path + "/" + UUID().uuidString.prefix(13).lowercased() + "." + ext
    }

    /// A new file of the directory holding `contents`, readable by the server's user only (what a tool reads from it:
    /// a job with passwords, a program with a client's text).
    func privateFile(_ ext: String, contents: Data) throws -> String {
        let file = newFile(ext)
        guard FileManager.default.createFile(atPath: file, contents: contents, attributes: [.posixPermissions: 0o600]) else {
            throw NXError(.unavailable, "Cannot write in the PDF work directory")
        }
        return file
    }

    /// Runs `tool` with `arguments` in the directory, standard output into `output` when given. An exit code outside
    /// `accepting` → 400 `failure` (the tool's standard error is logged); the tool missing → 503 "not available"; a
    /// run past the timeout → 400. Answers the exit code.
    @discardableResult
    func run(_ tool: PDFTool, _ arguments: [String], output: String? = nil, failure: String, accepting codes: Set<Int32> = [0])
        async throws -> Int32 {
        guard let executable = TextExtractor.findExecutable(tool.rawValue) else {
            throw NXError(.serviceNotAvailable, "The PDF tool '\(tool.rawValue)' is not available")
        }
        await tools.slots.acquire()
        let outcome = await tools.runner.run(executable: executable, arguments: arguments, workDir: path, timeout: tools.timeout,
                                             standardOutput: output, maxFileSize: tools.maxFileBytes)
        tools.slots.release()
        switch outcome {
        case .succeeded where codes.contains(0):
            return 0
        case .failed(_, let code?, _) where codes.contains(code):
            return code
        case .succeeded, .failed:
            if case .failed(let status, _, let stderr) = outcome {
                logger.warning("PDF tool failed", metadata: ["tool": "\(tool.rawValue)", "status": "\(status)", "stderr": "\(stderr)"])
            }
            throw NXError.invalid(failure)
        case .timedOut:
            throw NXError.invalid("\(failure): \(tool.rawValue) took longer than \(tools.timeout) s")
        case .notStarted(let reason):
            throw NXError(.unavailable, "The PDF tool '\(tool.rawValue)' could not start: \(reason)")
        }
    }

    /// Runs `tool` and answers its standard output as text (at most `PDFTools.maxReadBytes`).
    func output(_ tool: PDFTool, _ arguments: [String], failure: String) async throws -> String {
        let file = newFile("out")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await run(tool, arguments, output: file, failure: failure)
        return try read(file, failure: failure)
    }

    /// The text of a file a tool wrote (invalid UTF-8 repaired); larger than `PDFTools.maxReadBytes` → 400 `failure`.
    func read(_ file: String, failure: String) throws -> String {
        guard let bytes = try FileReader.contents(of: file, atMost: tools.maxReadBytes) else {
            throw NXError.invalid("\(failure): the tool's output is larger than \(tools.maxReadBytes) bytes")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs qpdf on the job `job` (qpdf's job JSON: every value, passwords included, stays out of the command line).
    func qpdf(_ job: JSONObject, output: String? = nil, failure: String) async throws {
        let file = try privateFile("json", contents: Data(JSONValue.object(job).jsonBytes()))
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await run(.qpdf, ["--job-json-file=" + file], output: output, failure: failure)
    }

    /// `source` as a PDF readable without a password: a decrypted copy (qpdf also repairs what it can). Not a PDF, or a
    /// wrong or missing password → 400 `failure`, by default Nuxeo's "Failed to load the PDF" (`PDFUtils.load`).
    public func load(_ source: String, password: String? = nil, failure: String = "Failed to load the PDF") async throws -> String {
        let target = newFile("pdf")
        var job = JSONObject([("inputFile", .string(ConverterRunner.absolute(source))), ("outputFile", .string(target)), ("decrypt", ""),
                              ("warningExit0", "")])
        if let password, !password.isEmpty { job["password"] = .string(password) }
        try await qpdf(job, failure: failure)
        return target
    }

    /// The number of pages of a readable PDF.
    public func pageCount(_ file: String, failure: String = "Failed to load the PDF") async throws -> Int {
        let text = try await output(.qpdf, ["--warning-exit-0", "--show-npages", ConverterRunner.absolute(file)], failure: failure)
        guard let count = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), count >= 0 else { throw NXError.invalid(failure) }
        return count
    }

    /// Whether `file` is encrypted (read without a password).
    public func isEncrypted(_ file: String, failure: String = "Failed to load the PDF") async throws -> Bool {
        try await run(.qpdf, ["--is-encrypted", ConverterRunner.absolute(file)], failure: failure, accepting: [0, 2]) == 0
    }

}

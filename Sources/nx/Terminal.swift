import ArgumentParser
import Foundation
import NXClient

/// Standard output and error, and whether they are terminals.
enum Terminal {
    static let standardOutput: Int32 = 1
    static let standardError: Int32 = 2

    /// Whether `descriptor` is a terminal (a progress bar or a table makes sense there).
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// Writes `text` to `descriptor` unbuffered; a reader that went away (`nx ls | head`) ends the program quietly.
    static func write(_ text: String, to descriptor: Int32 = standardOutput) {
        write(Data(text.utf8), to: descriptor)
    }

    /// Writes bytes to `descriptor`, as `write(_:to:)` does.
    static func write(_ data: Data, to descriptor: Int32 = standardOutput) {
        do {
            try (descriptor == standardError ? FileHandle.standardError : FileHandle.standardOutput).write(contentsOf: data)
        } catch {
            exit(descriptor == standardOutput ? 0 : 1)
        }
    }

    /// A line on standard output.
    static func line(_ text: String) { write(text + "\n") }
}

/// Runs a command's work, turning the SDK's typed errors into one line on standard error and exit status 1.
func reportingErrors(_ work: () async throws(NXClientError) -> Void) async throws {
    do {
        try await work()
    } catch {
        let text = error.exception?.message ?? error.description
        var message = "nx: "
        if let status = error.status {
            message += "\(status) "
            if let name = statusNames[status], !text.hasPrefix(name) { message += name + ": " }
        }
        message += text
        Terminal.write(message + "\n", to: Terminal.standardError)
        throw ExitCode(1)
    }
}

/// Reason phrases of the statuses the API answers with an exception entity.
let statusNames = [400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
                   409: "Conflict", 412: "Precondition Failed", 413: "Content Too Large", 415: "Unsupported Media Type",
                   500: "Internal Server Error", 503: "Service Unavailable"]

/// A fixed-width text table: a header row, then rows; cells are cut to `maxWidth` characters.
struct Table {
    var header: [String]
    var rows: [[String]] = []
    var maxWidth = 60

    func render() -> String {
        let cut = { (cell: String) in cell.count > maxWidth ? String(cell.prefix(maxWidth - 1)) + "…" : cell }
        let all = ([header] + rows).map { $0.map(cut) }
        var widths = header.map(\.count)
        for row in all { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

/// A progress bar on standard error, drawn only when it is a terminal (`nx … | other` stays quiet).
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private var lastDrawn = -1
    private let lock = NSLock()

    init(_ label: String) {
        self.label = label
        enabled = Terminal.isTerminal(Terminal.standardError)
    }

    /// Draws `done` of `total` (bytes or items).
    func update(_ done: Int64, of total: Int64, unit: String = "bytes") {
        guard enabled else { return }
        let percent = total > 0 ? Int(min(100, done * 100 / total)) : 0
        lock.withLock {
            guard percent != lastDrawn else { return }
            lastDrawn = percent
            let filled = percent * 30 / 100
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
            Terminal.write("\r\(label) [\(bar)] \(percent)% \(Self.amount(done, unit))/\(Self.amount(total, unit))", to: Terminal.standardError)
        }
    }

    /// Ends the bar's line.
    func finish() {
        guard enabled, lastDrawn >= 0 else { return }
        Terminal.write("\n", to: Terminal.standardError)
    }

    static func amount(_ value: Int64, _ unit: String) -> String {
        guard unit == "bytes" else { return "\(value)" }
        if value >= 1 << 20 { return String(Double(value * 10 / (1 << 20)) / 10) + " MB" }
        if value >= 1 << 10 { return String(Double(value * 10 / (1 << 10)) / 10) + " KB" }
        return "\(value) B"
    }
}

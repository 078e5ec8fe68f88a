import Foundation
import Logging

/// A swift-log handler writing one structured line per event to standard error:
/// `2026-11-22T21:50:11.000Z info nxserver: message key=value …`. Metadata is formatted only when a line is
/// written (swift-log's StreamLogHandler formats on every metadata change, which each request makes).
public struct StructuredLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String

    public init(label: String, level: Logger.Level = .info) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        var line = "\(stamp) \(event.level) \(label): \(event.message)"
        for key in all.keys.sorted() { line += " \(key)=\(all[key].map { "\($0)" } ?? "")" }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

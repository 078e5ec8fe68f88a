import Foundation

/// The nuxeo.conf-style properties the server was started with (`nxserver --conf`), for the features Nuxeo configures
/// in nuxeo.conf (such as `server.status.key`). The executable installs them once at start; a server built without
/// them (tests, embedding) sees none.
public final class ServerProperties: @unchecked Sendable {
    /// The properties of this process.
    public static let shared = ServerProperties()

    private let lock = NSLock()
    private var values: [String: String]

    /// Properties holding `values`.
    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// Adds `properties`, replacing values of the same keys.
    public func install(_ properties: [String: String]) {
        lock.withLock { values.merge(properties) { _, new in new } }
    }

    /// The value of `key`, nil when unset or blank.
    public subscript(key: String) -> String? {
        lock.withLock { values[key].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
    }
}

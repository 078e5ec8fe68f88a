import Foundation
import NXCore
import Synchronization

/// What the management API keeps between calls: the configuration it shows, the probes' history and the scheduler
/// switch.
final class ManagementState: Sendable {
    /// The nuxeo.conf properties the server was started with.
    let configuredProperties: [String: String]
    /// The settings in effect (defaults and environment included), under their nuxeo.conf names.
    let runtimeProperties: [String: String]
    /// The probes and their history.
    let probes = ProbeRegistry()
    /// Who may call the management API, and on which port.
    let access: ManagementAccess
    /// Whether the periodic jobs are paused (`PUT /management/scheduler/stop`), kept in `<data>/scheduler.paused` so a
    /// restart keeps it.
    private let pausedFile: String
    private let paused: Mutex<Bool>

    init(configuration: ServerConfiguration) {
        configuredProperties = configuration.properties
        access = ManagementAccess(user: configuration.managementUser, groups: configuration.managementGroups, port: configuration.managementPort)
        var runtime: [String: String] = [
            "nuxeo.server.http.port": String(configuration.port),
            "nuxeo.bind.address": configuration.host,
            "nx.data.dir": configuration.dataDirectory,
            "nuxeo.core.blobstore.digest": configuration.digestAlgorithm.rawValue,
            "nx.upload.maxSize": String(configuration.maxUploadSize),
            "nuxeo.transientstore.ttl": String(configuration.batchTimeToLive / 60),
            "nx.document.cache": String(configuration.documentCacheCapacity),
            "nx.db.durability": configuration.durability.rawValue.lowercased(),
            "org.nuxeo.ecm.product.name": "nx",
            "org.nuxeo.ecm.product.version": CMISRepositoryInfo.productVersion,
        ]
        if let port = configuration.managementPort { runtime["nuxeo.management.api.http.port"] = String(port) }
        if let user = configuration.managementUser { runtime["nuxeo.management.api.user"] = user }
        if let secret = configuration.jwtSecret { runtime["nuxeo.jwt.secret"] = secret }
        if let mail = configuration.mail {
            runtime["mail.transport.host"] = mail.host
            runtime["mail.transport.port"] = String(mail.port)
        }
        for (key, value) in configuration.properties where runtime[key] == nil { runtime[key] = value }
        runtimeProperties = runtime
        pausedFile = configuration.dataDirectory + "/scheduler.paused"
        paused = Mutex(FileManager.default.fileExists(atPath: configuration.dataDirectory + "/scheduler.paused"))
    }

    /// Whether the periodic jobs are paused.
    var schedulerPaused: Bool { paused.withLock { $0 } }

    /// Pauses or resumes the periodic jobs.
    func setSchedulerPaused(_ value: Bool) throws {
        try paused.withLock { current in
            if value {
                try Data().write(to: URL(fileURLWithPath: pausedFile))
            } else if FileManager.default.fileExists(atPath: pausedFile) {
                try FileManager.default.removeItem(atPath: pausedFile)
            }
            current = value
        }
    }
}

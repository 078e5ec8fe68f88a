import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NXCore
import NXServer
import ServiceLifecycle

/// `nxserver`: serves the Nuxeo REST API from an embedded store.
@main
struct NXServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "nxserver", abstract: "Nuxeo-compatible REST server.")

    @Option(help: "Directory of the embedded store and of the binaries (env NX_DATA).") var data: String?
    @Option(help: "Store documents in PostgreSQL: postgres://user:password@host:port/database (env NX_DATABASE; nuxeo.conf nuxeo.db.host, .port, .name, .user, .password). Default: the embedded SQLite store.")
    var database: String?
    @Option(help: "Listening port (env NX_PORT; nuxeo.conf nuxeo.server.http.port).") var port: Int?
    @Option(help: "Listening address (env NX_HOST; nuxeo.conf nuxeo.bind.address).") var host: String?
    @Option(help: "A nuxeo.conf-style properties file.") var conf: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @Option(help: "Documents kept by the read cache; 0 disables it (env NX_DOCUMENT_CACHE).") var documentCache: Int?
    @Option(help: "Commit durability: full (fsync every commit, survives power loss) or normal (env NX_DURABILITY).") var durability: String?
    @Option(help: "Seconds a connection may stay without a complete request part (env NX_IDLE_TIMEOUT; default 20).") var idleTimeout: Int64?
    @Option(help: "Seconds from a request's head to the end of its body (env NX_REQUEST_TIMEOUT; default 300).") var requestTimeout: Int64?
    @Option(help: "Open connections at most (env NX_MAX_CONNECTIONS; default 2048).") var maxConnections: Int?
    @Option(help: "Failed logins per client and per user per minute before 429; 0 = unlimited (env NX_MAX_FAILED_LOGINS; default 20).")
    var maxFailedLogins: Int?
    @Option(help: "Largest upload in bytes: a batch file or chunk, a blob body (env NX_MAX_UPLOAD_SIZE; nx.upload.maxSize; default 16 GiB).")
    var maxUploadSize: Int64?
    @Option(help: "Digest naming stored binaries: MD5 (Nuxeo's default) or SHA-256 (env NX_DIGEST; nuxeo.core.blobstore.digest).")
    var digest: String?
    @Option(help: "Hours an idle upload batch is kept (env NX_BATCH_TTL_HOURS; nuxeo.transientstore.ttl in minutes; default 72).")
    var batchTtlHours: Int64?
    @Option(help: "SMTP relay of Document.Mail, host or host:port (env NX_SMTP_HOST; nuxeo.conf mail.transport.host and .port).")
    var smtpHost: String?
    @Flag(help: "Export OpenTelemetry traces of requests over OTLP/HTTP (env NX_OTEL=true; nx.otel.enabled=true); the collector and protocol come from the OTEL_EXPORTER_OTLP_* variables (default http://localhost:4318).")
    var otel = false
    @Option(help: "A second port where the management API answers, and only there (env NX_MANAGEMENT_PORT; nuxeo.management.api.http.port).")
    var managementPort: Int?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let properties = try conf.map(PropertiesFile.read) ?? [:]
        var configuration = ServerConfiguration()
        configuration.properties = properties
        configuration.statusKey = environment["NX_SERVER_STATUS_KEY"] ?? properties["server.status.key"]
        configuration.dataDirectory = data ?? environment["NX_DATA"] ?? properties["nx.data.dir"] ?? "data"
        configuration.database = try Self.database(database ?? environment["NX_DATABASE"], properties)
        if let node = environment["NX_NODE_ID"] ?? properties["nuxeo.cluster.nodeid"], !node.isEmpty { configuration.nodeId = node }
        configuration.port = port ?? environment["NX_PORT"].flatMap(Int.init) ?? properties["nuxeo.server.http.port"].flatMap(Int.init) ?? 8080
        configuration.host = host ?? environment["NX_HOST"] ?? properties["nuxeo.bind.address"] ?? "127.0.0.1"
        configuration.documentCacheCapacity = documentCache ?? environment["NX_DOCUMENT_CACHE"].flatMap(Int.init) ?? 10_000
        if let text = durability ?? environment["NX_DURABILITY"] ?? properties["nx.db.durability"] {
            guard let value = SQLiteStore.Durability(rawValue: text.uppercased()) else {
                throw ValidationError("durability must be full or normal, not \(text)")
            }
            configuration.durability = value
        }
        let limits = ConnectionLimits()
        configuration.limits = ConnectionLimits(
            idleTimeout: idleTimeout ?? environment["NX_IDLE_TIMEOUT"].flatMap(Int64.init) ?? limits.idleTimeout,
            requestReadTimeout: requestTimeout ?? environment["NX_REQUEST_TIMEOUT"].flatMap(Int64.init) ?? limits.requestReadTimeout,
            maxConnections: maxConnections ?? environment["NX_MAX_CONNECTIONS"].flatMap(Int.init) ?? limits.maxConnections)
        guard configuration.limits.idleTimeout > 0, configuration.limits.requestReadTimeout > 0, configuration.limits.maxConnections > 0 else {
            throw ValidationError("timeouts and the connection limit must be positive")
        }
        configuration.maxFailedLogins = maxFailedLogins ?? environment["NX_MAX_FAILED_LOGINS"].flatMap(Int.init) ?? configuration.maxFailedLogins
        configuration.maxUploadSize = maxUploadSize ?? environment["NX_MAX_UPLOAD_SIZE"].flatMap(Int64.init)
            ?? properties["nx.upload.maxSize"].flatMap(Int64.init) ?? configuration.maxUploadSize
        guard configuration.maxUploadSize > 0 else { throw ValidationError("the upload limit must be positive") }
        if let name = digest ?? environment["NX_DIGEST"] ?? properties["nuxeo.core.blobstore.digest"] {
            guard let algorithm = DigestAlgorithm(configured: name) else { throw ValidationError("digest must be MD5 or SHA-256, not \(name)") }
            configuration.digestAlgorithm = algorithm
        }
        if let hours = batchTtlHours ?? environment["NX_BATCH_TTL_HOURS"].flatMap(Int64.init) {
            configuration.batchTimeToLive = hours.multipliedReportingOverflow(by: 3600).overflow ? -1 : hours * 3600
        } else if let minutes = properties["nuxeo.transientstore.ttl"].flatMap(Int64.init) {
            configuration.batchTimeToLive = minutes.multipliedReportingOverflow(by: 60).overflow ? -1 : minutes * 60
        }
        guard configuration.batchTimeToLive > 0, configuration.batchTimeToLive < 10 * 365 * 24 * 3600 else {
            throw ValidationError("the batch time to live must be positive (and under ten years)")
        }
        if let relay = smtpHost ?? environment["NX_SMTP_HOST"] ?? properties["mail.transport.host"], !relay.isEmpty {
            var host = relay
            var port = properties["mail.transport.port"].flatMap(Int.init) ?? 25
            if let colon = relay.lastIndex(of: ":"), let value = Int(relay[relay.index(after: colon)...]) {
                host = String(relay[..<colon])
                port = value
            }
            guard (1...65535).contains(port) else { throw ValidationError("the SMTP port must be between 1 and 65535") }
            configuration.mail = MailConfiguration(host: host, port: port, defaultFrom: properties["mail.from"] ?? "noreply@nuxeo.com")
        }
        configuration.jwtSecret = (environment["NX_JWT_SECRET"] ?? properties["nuxeo.jwt.secret"]).flatMap { $0.isEmpty ? nil : $0 }
        configuration.managementUser = environment["NX_MANAGEMENT_USER"] ?? properties["nuxeo.management.api.user"]
        configuration.managementGroups = (properties["nuxeo.management.api.groups"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if let text = managementPort.map(String.init) ?? environment["NX_MANAGEMENT_PORT"] ?? properties["nuxeo.management.api.http.port"] {
            guard let port = Int(text), (0...65535).contains(port) else { throw ValidationError("the management port must be between 0 and 65535, not \(text)") }
            // The main port itself: one listener serves everything, as Nuxeo does when both are equal.
            configuration.managementPort = port == configuration.port && port != 0 ? nil : port
        }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in StructuredLogHandler(label: label, level: level) }
        var logger = Logger(label: "nxserver")
        logger.logLevel = level
        if let text = properties["nx.conversion.cache.maxSize"] {
            guard let bytes = Int64(text), bytes > 0 else { throw ValidationError("nx.conversion.cache.maxSize must be a positive number of bytes, not \(text)") }
            configuration.conversionCacheBytes = bytes
        }
        var services: [any Service] = []
        let otelSetting = environment["NX_OTEL"] ?? properties["nx.otel.enabled"]
        if otel || otelSetting.map({ ["true", "1", "yes"].contains($0.lowercased()) }) == true {
            services.append(try Tracing.bootstrap(serviceName: properties["nx.otel.service.name"] ?? "nx", logger: logger))
            configuration.tracing = true
        }
        let state = try await ServerState.open(configuration)
        let store = configuration.database.map { "postgres://\($0.user)@\($0.host):\($0.port)/\($0.database)" } ?? "sqlite"
        logger.info("nxserver listening", metadata: ["host": "\(configuration.host)", "port": "\(configuration.port)", "data": "\(configuration.dataDirectory)",
                                                     "store": "\(store)"])
        try await ServerApplication.application(state, configuration: configuration, logger: logger, services: services).runService()
    }
}

extension NXServerCommand {
    /// The PostgreSQL database of a `postgres://` URL (`sqlite` or nothing: the embedded store), else of nuxeo.conf's
    /// `nuxeo.db.host` (with `nuxeo.db.port`, default 5432; `nuxeo.db.name`, default nuxeo; `nuxeo.db.user`, default
    /// nuxeo; `nuxeo.db.password`).
    static func database(_ url: String?, _ properties: [String: String]) throws -> PostgresStore.Endpoint? {
        if let url, !url.isEmpty {
            if url == "sqlite" { return nil }
            do { return try PostgresStore.Endpoint(url: url) } catch { throw ValidationError("\(error)") }
        }
        guard let host = properties["nuxeo.db.host"], !host.isEmpty else { return nil }
        let portText = properties["nuxeo.db.port"] ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else { throw ValidationError("nuxeo.db.port must be between 1 and 65535, not \(portText)") }
        return PostgresStore.Endpoint(host: host, port: port, user: properties["nuxeo.db.user"] ?? "nuxeo",
                                      password: properties["nuxeo.db.password"], database: properties["nuxeo.db.name"] ?? "nuxeo")
    }
}

/// Reads `key=value` lines (`#` comments), as nuxeo.conf.
enum PropertiesFile {
    static func read(_ path: String) throws -> [String: String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var result: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let eq = trimmed.firstIndex(of: "=") else { continue }
            result[trimmed[..<eq].trimmingCharacters(in: .whitespaces)] = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }
}

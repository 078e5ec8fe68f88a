import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NXAPI
import NXAPIRuntime
import NXCore
import NXSchemas
import ServiceLifecycle

/// Where and how the server runs.
public struct ServerConfiguration: Sendable {
    /// Listening address.
    public var host: String
    /// Listening port (0 = any free port).
    public var port: Int
    /// Directory of the embedded store, and of the binaries (shared by every node of a cluster).
    public var dataDirectory: String
    /// The PostgreSQL database to store documents in; nil: the embedded SQLite store under `dataDirectory`.
    public var database: PostgresStore.Endpoint?
    /// Concurrent read transactions on PostgreSQL (its pool holds two more connections, for writes).
    public var databaseReaders = 6
    /// This node's name in the cluster (`nuxeo.cluster.nodeid`; default: a random one): bulk command leases, the node
    /// list of `/capabilities` and the `clusterStatus` probe.
    public var nodeId = String(UUID().uuidString.prefix(8)).lowercased()
    /// bcrypt cost of stored passwords.
    public var bcryptCost: UInt8
    /// Documents kept by the read cache (0 disables it).
    public var documentCacheCapacity: Int
    /// When commits reach the disk (durable `full` by default).
    public var durability: SQLiteStore.Durability
    /// Connection limits and timeouts.
    public var limits: ConnectionLimits
    /// Failed logins allowed per client address and per user name within `loginWindow` seconds (0 = unlimited).
    public var maxFailedLogins: Int
    /// The failed-login window, in seconds.
    public var loginWindow: Int64
    /// The key `/nuxeo/runningstatus?info=summary` requires (nuxeo.conf `server.status.key`); nil: a random one.
    public var statusKey: String?
    /// Digest naming binaries (MD5 by default, as Nuxeo).
    public var digestAlgorithm: DigestAlgorithm = .md5
    /// Largest upload (batch file or chunk, blob body) in bytes; more → 413 and nothing stored.
    public var maxUploadSize: Int64 = 16 << 30
    /// Idle time after which an upload batch expires, in seconds (Nuxeo: 72 h).
    public var batchTimeToLive: Int64 = 72 * 3600
    /// Whether the background fulltext extraction of binaries runs (tests drain it by hand).
    public var extractsBinaryText = true
    /// The SMTP relay of `Document.Mail`; nil: sending mail fails with a clear 503.
    public var mail: MailConfiguration?
    /// The nuxeo.conf properties the server was started with (`GET /management/configuration` shows them, redacted).
    public var properties: [String: String] = [:]
    /// The secret JWT bearer tokens are signed with (`nuxeo.jwt.secret`, HS512); nil: bearer tokens are refused.
    public var jwtSecret: String?
    /// The technical user allowed on the management API besides administrators (`nuxeo.management.api.user`).
    public var managementUser: String?
    /// Groups whose members are allowed on the management API (`nuxeo.management.api.groups`).
    public var managementGroups: [String] = []
    /// A second port serving the API, the only one where the management API answers (`nuxeo.management.api.http.port`;
    /// 0: any free port); nil: the management API answers on the main port.
    public var managementPort: Int?
    /// Called with the port the management listener bound (tests configure port 0).
    public var onManagementListening: (@Sendable (Int) -> Void)?
    /// Bytes the conversion cache keeps at most (`nx.conversion.cache.maxSize`).
    public var conversionCacheBytes: Int64 = 1 << 30
    /// Whether requests are traced (a span each, through the bootstrapped `InstrumentationSystem`: OpenTelemetry when
    /// `nxserver --otel`), with W3C trace context read from and propagated to callers.
    public var tracing = false

    public init(host: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = "data", bcryptCost: UInt8 = 10,
                documentCacheCapacity: Int = 10_000, durability: SQLiteStore.Durability = .full, limits: ConnectionLimits = .init(),
                maxFailedLogins: Int = 20, loginWindow: Int64 = 60, statusKey: String? = nil) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.bcryptCost = bcryptCost
        self.documentCacheCapacity = documentCacheCapacity
        self.durability = durability
        self.limits = limits
        self.maxFailedLogins = maxFailedLogins
        self.loginWindow = loginWindow
        self.statusKey = statusKey
    }
}

/// The opened store, repository and users of a server.
public struct ServerState: Sendable {
    public let store: any SQLStore
    /// This node's name in the cluster.
    public var nodeId = ""
    /// When this node started (ms).
    public var started: Int64 = 0
    /// Whether the store is shared with other nodes (PostgreSQL).
    public var clustered: Bool { store.backend == .postgres }

    /// The nodes seen within the last minute (they heartbeat every 10 s), sorted; empty when not clustered.
    public func liveNodes() async throws -> [String] {
        guard clustered else { return [] }
        return try await store.liveNodes(since: Int64(Date().timeIntervalSince1970 * 1000) - 60_000)
    }
    public let repository: Repository
    public let users: UserDirectory
    /// Directories (vocabularies), seeded from the registry when empty.
    public let directories: DirectoryService
    /// File contents, content-addressed under `<data>/binaries`.
    public let binaries: LocalBinaryStore
    /// Upload batches.
    public let batches: BatchManager
    /// The named queues of the durable work queue (fulltext extraction, picture views), each with its bounded concurrency.
    public let work: WorkManager
    /// Largest upload, in bytes.
    public let maxUploadSize: Int64
    /// Responses of POSTs with an `Idempotency-Key`.
    public let idempotency: IdempotencyStore
    /// Background automation executions (`@async`), in memory as Nuxeo's transient store.
    let asyncExecutions = AsyncExecutions()
    /// Automation call traces (`Traces.*`), in memory as Nuxeo's.
    let traces = AutomationTraces()
    /// Whether exception entities carry a `stacktrace` (`JsonStack.ToggleDisplay`).
    let stackDisplay = StackDisplay()
    /// The SMTP relay of `Document.Mail`, if configured.
    public var mail: MailConfiguration? {
        didSet { workflowChains.mail = mail }
    }
    /// The routing engine: workflow models, instances and tasks; its chains run through automation.
    public let workflows: WorkflowService
    let workflowChains: WorkflowChains
    /// The bulk action framework: commands over the documents of a query, run in the background.
    public let bulk: BulkService
    /// The management API's probes, scheduler switch, configuration view and access rule.
    let management: ManagementState
    /// Verifies JWT bearer tokens; nil without a configured secret.
    let jwt: JWTAuthenticator?
    /// Requests, store transactions and the stored state's gauges, for `/metrics`.
    let metrics = ServerMetrics()
    /// The converters of `Spec/converters/`, their result cache under `<data>/conversions`.
    public let conversions: ConversionService
    /// Asynchronous conversions (`@convert` with `async=true`).
    let conversionJobs = ConversionJobs()
    /// Thumbnails of documents, computed by the converters and stored on them.
    public var thumbnails: Thumbnails { Thumbnails(repository: repository, conversions: conversions) }
    /// The renditions of `Spec/renditions/` (`@rendition/{name}`, the `renditions` enricher).
    public func renditions(_ repository: Repository) -> RenditionService {
        RenditionService(definitions: NXSchemas.renditions, repository: repository, conversions: conversions)
    }

    /// Opens (and on first start seeds) the store in `configuration.dataDirectory`.
    public static func open(_ configuration: ServerConfiguration) async throws -> ServerState {
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        let store: any SQLStore = if let database = configuration.database {
            try await PostgresStore(endpoint: database, readers: configuration.databaseReaders)
        } else {
            try SQLiteStore(path: configuration.dataDirectory + "/nx.sqlite", durability: configuration.durability)
        }
        let binaries = try LocalBinaryStore(root: configuration.dataDirectory + "/binaries", digestAlgorithm: configuration.digestAlgorithm)
        let repository = Repository(name: NXAPIInfo.defaultRepository, registry: NXSchemas.registry, store: store,
                                    cacheCapacity: configuration.documentCacheCapacity, binaries: binaries)
        try await repository.bootstrap()
        let users = UserDirectory(store: store, cost: configuration.bcryptCost)
        try await users.seed()
        let directories = DirectoryService(store: store, registry: repository.registry, repository: repository)
        try await directories.seed()
        let batches = BatchManager(store: store, binaries: binaries, timeToLive: configuration.batchTimeToLive * 1000,
                                   maxLength: configuration.maxUploadSize)
        let idempotency = IdempotencyStore(store: store)
        try await idempotency.releaseInProgress()
        let chains = WorkflowChains(repository: repository, users: users)
        let workflows = WorkflowService(repository: repository, models: NXSchemas.workflowModels, runner: chains)
        chains.bind(workflows)
        let bulk = BulkService(repository: repository, users: users, node: configuration.nodeId)
        let conversions = ConversionService(converters: NXSchemas.converters, directory: configuration.dataDirectory + "/conversions",
                                            maxCacheBytes: configuration.conversionCacheBytes)
        for action in BulkActions.core() + [AutomationBulkAction.make(repository: repository, users: users),
                                               AutomationBulkAction.makeBatch(repository: repository, users: users),
                                               Thumbnails(repository: repository, conversions: conversions).bulkAction(),
                                               PictureViews(repository: repository, conversions: conversions).bulkAction()] {
            bulk.register(action, declared: NXSchemas.bulkActions.first { $0.id == action.id })
        }
        let concurrency = { (queue: String, fallback: Int) -> Int in
            configuration.properties["nx.work.queue.\(queue).concurrency"].flatMap(Int.init).map { min(max($0, 1), 64) } ?? fallback
        }
        let binaryText = BinaryTextWorker(repository: repository,
                                          concurrency: concurrency(BinaryTextWorker.kind, ProcessInfo.processInfo.activeProcessorCount))
        let work = WorkManager(repository: repository)
        if configuration.extractsBinaryText {
            work.register(binaryText)
            work.register(PictureViews(repository: repository, conversions: conversions,
                                       concurrency: concurrency(PictureViews.kind, max(1, ProcessInfo.processInfo.activeProcessorCount / 2))))
        }
        var state = ServerState(store: store, repository: repository, users: users, directories: directories, binaries: binaries,
                                batches: batches, work: work, maxUploadSize: configuration.maxUploadSize,
                                idempotency: idempotency, workflows: workflows, workflowChains: chains, bulk: bulk,
                                management: ManagementState(configuration: configuration),
                                jwt: await configuration.jwtSecret.asyncMap(JWTAuthenticator.init(secret:)),
                                conversions: conversions)
        state.mail = configuration.mail
        state.nodeId = configuration.nodeId
        state.started = Int64(Date().timeIntervalSince1970 * 1000)
        try await store.heartbeat(node: state.nodeId, started: state.started, now: state.started)
        store.observe(state.metrics)
        return state
    }
}

/// Builds nx's router and application.
public enum ServerApplication {
    /// The router: request logging, Basic/token auth on API paths, the generated route table, `/nuxeo/authentication/token`,
    /// `/nuxeo/json/cmis` (repository infos), `/nuxeo/runningstatus`.
    public static func router(_ state: ServerState, configuration: ServerConfiguration = .init()) -> Router<NXRequestContext> {
        let router = Router(context: NXRequestContext.self)
        router.add(middleware: RequestIdMiddleware())
        router.add(middleware: ResponseHeadersMiddleware(stackDisplay: state.stackDisplay))
        router.add(middleware: MetricsMiddleware(metrics: state.metrics))
        if configuration.tracing {
            router.add(middleware: TracingMiddleware(recordingHeaders: [RequestIdMiddleware<NXRequestContext>.header],
                                                     redactingQueryParameters: ["access_token", "token", "password", "jwt"]))
        }
        router.add(middleware: RequestLogMiddleware(level: .info))
        router.add(middleware: PathNormalizationMiddleware())
        let throttle = LoginThrottle(policy: .init(maxFailures: configuration.maxFailedLogins, window: configuration.loginWindow))
        router.add(middleware: BasicAuthMiddleware(
            users: state.users, protectedPrefixes: NXAPIInfo.basePaths + NXAPIInfo.pathAliases.map(\.from) + [LegacyTokenServlet.path, CMISRepositoryInfo.path, DownloadServlet.path, MetricsEndpoint.path],
            realm: NXAPIInfo.basicRealm, throttle: throttle, jwt: state.jwt))
        router.add(middleware: IdempotencyMiddleware(store: state.idempotency))
        let handlers = APIHandlers(state)
        router.add(middleware: APIDispatcher(
            routes: NXRoutes.all(handlers), configuration: NXAPIInfo.configuration(repositories: [state.repository.name])))
        LegacyTokenServlet(users: state.users).register(on: router)
        CMISRepositoryInfo(repository: state.repository).register(on: router)
        RunningStatus(state: state, statusKey: configuration.statusKey).register(on: router)
        DownloadServlet(handlers: handlers).register(on: router)
        MetricsEndpoint(state: state).register(on: router)
        return router
    }

    /// The application listening as configured; with a management port, a second listener serves the same routes there
    /// (the management API answers only on it).
    public static func application(_ state: ServerState, configuration: ServerConfiguration, logger: Logger,
                                   services: [any Service] = []) -> some ApplicationProtocol {
        let router = router(state, configuration: configuration)
        var application = Application(
            router: router,
            server: .http1(configuration: configuration.limits.channelConfiguration),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "nx",
                                 availableConnectionsDelegate: MaximumAvailableConnections(configuration.limits.maxConnections)),
            logger: logger)
        application.addServices(BackgroundWork(state: state))
        application.addServices(services)
        if let port = configuration.managementPort {
            let access = state.management.access
            let notify = configuration.onManagementListening
            let management = Application(
                router: router,
                server: .http1(configuration: configuration.limits.channelConfiguration),
                configuration: .init(address: .hostname(configuration.host, port: port), serverName: "nx",
                                     availableConnectionsDelegate: MaximumAvailableConnections(configuration.limits.maxConnections)),
                onServerRunning: { channel in
                    guard let bound = channel.localAddress?.port else { return }
                    access.bound(port: bound)
                    logger.info("nxserver management API listening", metadata: ["port": "\(bound)"])
                    notify?(bound)
                },
                logger: logger)
            application.addServices(management)
        }
        return application
    }
}

import Hummingbird
import NIOCore
import Logging
import NXRuntime

/// The authenticated user of a request.
public struct NXPrincipal: Sendable, Hashable {
    /// User name.
    public var name: String
    /// Whether the user is an administrator (bypasses permission checks).
    public var isAdministrator: Bool
    /// The groups the user belongs to.
    public var groups: [String]

    public init(name: String, isAdministrator: Bool, groups: [String] = []) {
        self.name = name
        self.isAdministrator = isAdministrator
        self.groups = groups
    }
}

/// Hummingbird request context of nx: the core storage plus the authenticated principal.
public struct NXRequestContext: RequestContext, Sendable {
    /// Hummingbird's core context.
    public var coreContext: CoreRequestContextStorage
    /// Set by the authentication middleware.
    public var principal: NXPrincipal?

    public init(source: Source) {
        coreContext = .init(source: source)
        principal = nil
        remoteAddress = source.channel.remoteAddress
        localPort = source.channel.localAddress?.port
    }

    /// Largest request body read (64 MiB); a larger one → 413.
    public static let maxBodySize = 64 * 1024 * 1024
    /// Request bodies up to `maxBodySize` are read.
    public var maxUploadSize: Int { Self.maxBodySize }
    /// The client's address (nil when the transport has none).
    public var remoteAddress: SocketAddress?
    /// The server port the request came in on (nil when the transport has none): the management API answers only on
    /// its own port when one is configured.
    public var localPort: Int?
}

/// What a handler knows of the call beyond its typed input.
public struct NXCallContext: Sendable {
    /// The authenticated user.
    public var principal: NXPrincipal
    /// Server base URL ending in `/nuxeo/` (for download and document URLs).
    public var baseURL: String
    /// Request logger.
    public var logger: Logger
    /// Every decoded query parameter in order, for endpoints whose other parameters are named parameters (`:name`).
    public var queryParameters: [(String, String)]
    /// The server port the request came in on (nil for calls that did not come over a socket).
    public var localPort: Int?

    public init(principal: NXPrincipal, baseURL: String, logger: Logger, queryParameters: [(String, String)] = [], localPort: Int? = nil) {
        self.principal = principal
        self.baseURL = baseURL
        self.logger = logger
        self.queryParameters = queryParameters
        self.localPort = localPort
    }
}

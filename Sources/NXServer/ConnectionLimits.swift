import Hummingbird
import HummingbirdCore
import NIOCore

/// Connection limits and timeouts of the HTTP listener (all configurable; see `nxserver --help`).
public struct ConnectionLimits: Sendable {
    /// Seconds a connection may stay without a complete request part: between requests (keep-alive), while a request
    /// head trickles in (header timeout: a partial head never counts as activity) and between two body chunks.
    public var idleTimeout: Int64
    /// Seconds from a request's head to the end of its body (a slow body, however steady, is cut off).
    public var requestReadTimeout: Int64
    /// Open connections at most; past it, new connections wait in the listen backlog.
    public var maxConnections: Int

    public init(idleTimeout: Int64 = 20, requestReadTimeout: Int64 = 300, maxConnections: Int = 2048) {
        self.idleTimeout = idleTimeout
        self.requestReadTimeout = requestReadTimeout
        self.maxConnections = maxConnections
    }

    /// Hummingbird's HTTP/1 channel with these limits and nx's protocol-level handlers.
    var channelConfiguration: HTTP1Channel.Configuration {
        let readTimeout = TimeAmount.seconds(requestReadTimeout)
        return HTTP1Channel.Configuration(
            additionalChannelHandlers: [ProtocolErrorHandler(requestReadTimeout: readTimeout)],
            idleTimeout: .seconds(idleTimeout))
    }
}

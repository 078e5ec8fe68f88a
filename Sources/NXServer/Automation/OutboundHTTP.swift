import AsyncHTTPClient
import NIOCore
import NIOPosix

/// The HTTP client of the operations that reach out (`Blob.CreateFromURL`, `Blob.PostToURL`): a host that refuses or
/// does not answer the connection fails the call within `connectTimeout`, instead of being retried until the request's
/// deadline (AsyncHTTPClient's default) while the caller waits.
enum OutboundHTTP {
    static let connectTimeout: TimeAmount = .seconds(10)

    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: connectTimeout, read: .seconds(60))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }()
}

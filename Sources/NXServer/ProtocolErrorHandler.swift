import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NXAPIRuntime
import NXModel

/// Answers what fails below the router with Nuxeo's JSON exception entity instead of Hummingbird's empty 400, and
/// bounds the time a request may take to arrive:
/// - a malformed request (bad request line, header overflow, bad `Content-Length`, bad chunk, invalid characters…) →
///   400 with the exception entity, then the connection closes;
/// - a request whose body is not complete `requestReadTimeout` after its head → 408, then the connection closes.
///
/// Sits after the HTTP decoder, on request/response parts; it writes only while no response is in progress (else it
/// just closes), so it never interleaves with a handler's response.
final class ProtocolErrorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let requestReadTimeout: TimeAmount
    private var readingRequest = false
    private var responding = false
    private var failed = false
    private var deadline: Scheduled<Void>?

    init(requestReadTimeout: TimeAmount) {
        self.requestReadTimeout = requestReadTimeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        switch unwrapInboundIn(data) {
        case .head:
            readingRequest = true
            deadline?.cancel()
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            deadline = context.eventLoop.scheduleTask(in: requestReadTimeout) {
                let (handler, context) = loopBound.value
                handler.fail(context, status: 408, message: "Request timeout: the request was not received in time")
            }
        case .body:
            break
        case .end:
            readingRequest = false
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head: responding = true
        case .body: break
        case .end: responding = false
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is IOError || error is ChannelError {
            context.fireErrorCaught(error)
            return
        }
        fail(context, status: 400, message: "Bad Request: \(Self.describe(error))")
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    /// Writes the exception entity (unless a response is under way) and closes the connection.
    private func fail(_ context: ChannelHandlerContext, status: Int, message: String) {
        guard !failed else { return }
        failed = true
        deadline?.cancel()
        deadline = nil
        guard context.channel.isActive else { return }
        if !responding {
            let body = ExceptionEntity(status: status, message: message).jsonBytes()
            var head = HTTPResponse(status: .init(code: status))
            head.headerFields[.contentType] = "application/json"
            head.headerFields[.contentLength] = String(body.count)
            head.headerFields[.connection] = "close"
            ResponseHeadersMiddleware<NXRequestContext>.addGlobalHeaders(to: &head.headerFields)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        } else {
            context.close(promise: nil)
        }
    }

    /// A short reason for a decoding failure.
    static func describe(_ error: any Error) -> String {
        switch error as? HTTPParserError {
        case .headerOverflow?: return "the request line or headers are too large or too many"
        case .invalidContentLength?, .unexpectedContentLength?: return "invalid Content-Length"
        case .invalidChunkSize?: return "invalid chunked encoding"
        case .invalidURL?, .invalidPath?, .invalidQueryString?, .invalidFragment?: return "invalid request target"
        case .invalidMethod?: return "invalid method"
        case .invalidVersion?: return "invalid HTTP version"
        case .invalidHeaderToken?, .invalidCharactersUsed?: return "invalid characters in the request"
        case .some: return "malformed HTTP request"
        case nil: return "the request cannot be read"
        }
    }
}

import Foundation
import Glibc
import NIOConcurrencyHelpers

/// A one-request-at-a-time HTTP endpoint on a loopback port for tests: records each request (head and body, read by its
/// Content-Length) and answers every one with `status` and an empty body.
final class FakeHTTPSink: @unchecked Sendable {
    struct Received: Sendable {
        var head: String
        var body: [UInt8]
    }

    let port: Int
    let status: Int
    private let listener: Int32
    private let received = NIOLockedValueBox<[Received]>([])

    init(status: Int = 500) throws {
        self.status = status
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        listen(listener, 4)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        self.port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var requests: [Received] { received.withLockedValue { $0 } }

    func stop() { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            var data: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var headEnd: Int?
            var expected = 0
            while true {
                let n = read(connection, &buffer, buffer.count)
                guard n > 0 else { break }
                data += buffer[0..<n]
                if headEnd == nil, let range = data.firstRange(of: Array("\r\n\r\n".utf8)) {
                    headEnd = range.upperBound
                    let head = String(decoding: data[..<range.lowerBound], as: UTF8.self)
                    for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                        expected = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                }
                if let end = headEnd, data.count - end >= expected { break }
            }
            let end = headEnd ?? data.count
            let record = Received(head: String(decoding: data[..<max(end - 4, 0)], as: UTF8.self), body: Array(data[end...]))
            received.withLockedValue { $0.append(record) }
            let response = "HTTP/1.1 \(status) Whatever\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            _ = response.withCString { write(connection, $0, strlen($0)) }
            close(connection)
        }
    }
}

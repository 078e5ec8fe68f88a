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

    let status: Int
    private var listener: LoopbackListener!
    private let received = NIOLockedValueBox<[Received]>([])

    var port: Int { listener.port }

    init(status: Int = 500) throws {
        self.status = status
        listener = LoopbackListener { [unowned self] fd in handle(fd) }
    }

    var requests: [Received] { received.withLockedValue { $0 } }

    func stop() { listener.stop() }

    private func handle(_ connection: Int32) {
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
    }
}

import Foundation
import Glibc

/// A TCP listener on a free loopback port for the fake servers of the tests, serving one connection at a time on its
/// own thread until `stop()`.
final class LoopbackListener: @unchecked Sendable {
    let port: Int
    private let socketFD: Int32

    /// Listens, then hands each accepted connection to `handle` (which must not close it) and closes it.
    init(handle: @escaping @Sendable (Int32) -> Void) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        socketFD = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        listen(listener, 4)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread {
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                handle(connection)
                close(connection)
            }
        }
        thread.start()
    }

    func stop() { shutdown(socketFD, Int32(SHUT_RDWR)); close(socketFD) }
}

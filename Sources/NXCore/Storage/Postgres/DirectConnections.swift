import Foundation
import NXRuntime
import Logging
import NIOCore
import PostgresNIO

/// A few connections used synchronously by `readNow` point lookups, on the calling thread: at most one per thread of the
/// cooperative pool (plus one), so a caller never waits for another to finish. Connected on first use, kept open.
final class DirectConnections: @unchecked Sendable {
    let endpoint: PostgresStore.Endpoint
    let capacity: Int
    let logger: Logger
    private let condition = NSCondition()
    private var idle: [PostgresSQLConnection] = []
    private var open = 0
    private var closed = false
    private var nextId = 0

    init(endpoint: PostgresStore.Endpoint, capacity: Int, logger: Logger) {
        self.endpoint = endpoint
        self.capacity = max(1, capacity)
        self.logger = logger
    }

    /// Runs `body` with a connection of its own (autocommit: each statement is its own transaction); what it throws is
    /// mapped to the project's errors (`PostgresErrorMapping`).
    func with<T>(_ body: (PostgresSQLConnection) throws -> T) throws -> T {
        let connection = try take()
        do {
            let result = try body(connection)
            give(connection)
            return result
        } catch {
            // A failed statement leaves the connection usable (no transaction is open), unless the connection itself broke.
            if connection.connection.isClosed { drop() } else { give(connection) }
            throw PostgresErrorMapping.map(error)
        }
    }

    private func take() throws -> PostgresSQLConnection {
        condition.lock()
        while idle.isEmpty && open >= capacity && !closed { condition.wait() }
        if closed {
            condition.unlock()
            throw NXError.internal("The PostgreSQL store is closed")
        }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        open += 1
        nextId += 1
        let id = nextId
        condition.unlock()
        do {
            let configuration = PostgresConnection.Configuration(host: endpoint.host, port: endpoint.port, username: endpoint.user,
                                                                 password: endpoint.password, database: endpoint.database, tls: .disable)
            let connection = try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                                                            id: id, logger: logger).wait()
            return PostgresSQLConnection(connection, logger: logger)
        } catch {
            drop()
            throw PostgresErrorMapping.map(error)
        }
    }

    private func give(_ connection: PostgresSQLConnection) {
        condition.lock()
        if closed {
            condition.unlock()
            try? connection.connection.close().wait()
            return
        }
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }

    private func drop() {
        condition.lock()
        open -= 1
        condition.signal()
        condition.unlock()
    }

    deinit { closeAll() }

    /// Closes the idle connections; those in use close when given back.
    func closeAll() {
        condition.lock()
        closed = true
        let connections = idle
        idle = []
        condition.broadcast()
        condition.unlock()
        for connection in connections { try? connection.connection.close().wait() }
    }
}

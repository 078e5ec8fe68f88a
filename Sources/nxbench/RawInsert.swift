import ArgumentParser
import Foundation
import GRDB

/// The ceiling of creation: rows inserted straight through GRDB, one transaction per row (as one POST is one
/// transaction), from `--clients` concurrent tasks. With `--from`, into a copy of a loaded store: its `documents` table,
/// with every column, every index and every row it holds (each new row copies a stored document's columns under a new
/// id, name and path), synchronized as `--durability` says (the server's default is `full`). Without, into an empty
/// table of seven columns.
struct RawInsert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Insert rows directly with GRDB and print the rate.")
    @Option var data: String
    @Option var docs = 2000
    @Option(help: "A store (nx.sqlite) to copy and insert into, instead of an empty table.") var from: String?
    @Option(help: "SQLite synchronous mode: full (the server's default) or normal.") var durability = "normal"
    @Option(help: "Concurrent writers (the server's create workload uses 16 clients).") var clients = 1

    func run() async throws {
        guard ["full", "normal"].contains(durability) else { throw ValidationError("--durability is full or normal") }
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let path = data + "/raw.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var configuration = Configuration()
        let synchronous = durability.uppercased()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = \(synchronous)") }
        if let from {
            // Copied before the pool opens it, which puts it in WAL mode as the server's store (a backup into an open
            // pool would bring the source's header, journal mode included).
            let source = try DatabaseQueue(path: from, configuration: { var c = Configuration(); c.readonly = true; return c }())
            let copy = try DatabaseQueue(path: path)
            try source.backup(to: copy)
            try copy.close()
            try source.close()
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        let insert: @Sendable (Database, Int) throws -> Void
        if let from {
            let (template, columns) = try await pool.read { db -> (Int64, [String]) in
                guard let template = try Int64.fetchOne(db, sql: "SELECT rowid FROM documents WHERE type = 'File' ORDER BY rowid DESC LIMIT 1") else {
                    throw ValidationError("\(from) holds no File document")
                }
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(documents)").map { $0["name"] as String }
                return (template, columns.filter { !["rowid", "id", "name", "path"].contains($0) })
            }
            let sql = "INSERT INTO documents (id, name, path, \(columns.joined(separator: ", "))) SELECT ?, ?, ?, \(columns.joined(separator: ", ")) FROM documents WHERE rowid = ?"
            insert = { db, i in
                let name = "raw\(i)-\(UUID().uuidString)"
                try db.execute(sql: sql, arguments: [UUID().uuidString.lowercased(), name, "/default-domain/workspaces/raw/" + name, template])
            }
        } else {
            try await pool.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS documents (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, parent_id TEXT, name TEXT NOT NULL,
                    path TEXT NOT NULL UNIQUE, type TEXT NOT NULL, properties TEXT NOT NULL)
                    """)
            }
            insert = { db, i in
                let properties = #"{"dc:title":"Created \#(i)","dc:description":"bench document \#(i)"}"#
                try db.execute(sql: "INSERT INTO documents (id, parent_id, name, path, type, properties) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [UUID().uuidString, "parent", "created\(i)", "/bench/created\(i)-\(UUID().uuidString)", "File", properties])
            }
        }
        // As many concurrent writers as the server has clients: the writer connection is never idle between rows.
        let clients = max(1, self.clients), docs = self.docs
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<clients {
                group.addTask {
                    for i in stride(from: client, to: docs, by: clients) {
                        try await pool.write { db in try insert(db, i) }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = (ContinuousClock.now - start).seconds
        print("{\"documents\": \(docs), \"seconds\": \(seconds), \"rate\": \(Double(docs) / seconds)}")
    }
}

import ArgumentParser
import Foundation
import GRDB

/// The ceiling of creation: the same rows inserted straight through GRDB, one transaction per row (as one POST is one transaction).
struct RawInsert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Insert rows directly with GRDB and print the rate.")
    @Option var data: String
    @Option var docs = 2000

    func run() async throws {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        let pool = try DatabasePool(path: data + "/raw.sqlite", configuration: configuration)
        try await pool.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS documents (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, parent_id TEXT, name TEXT NOT NULL,
                path TEXT NOT NULL UNIQUE, type TEXT NOT NULL, properties TEXT NOT NULL)
                """)
        }
        let start = ContinuousClock.now
        for i in 0..<docs {
            let properties = #"{"dc:title":"Created \#(i)","dc:description":"bench document \#(i)"}"#
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO documents (id, parent_id, name, path, type, properties) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [UUID().uuidString, "parent", "created\(i)", "/bench/created\(i)-\(UUID().uuidString)", "File", properties])
            }
        }
        let seconds = (ContinuousClock.now - start).seconds
        print("{\"documents\": \(docs), \"seconds\": \(seconds), \"rate\": \(Double(docs) / seconds)}")
    }
}

import ArgumentParser
import Foundation
import NXCore
import NXSchemas

/// Loads the corpus through the core (bulk transactions), printing the rate.
struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bulk-load a deterministic corpus into a data directory.")
    @Option var data: String
    @Option var docs = 100_000
    @Option var seed: UInt64 = 42
    @Option var batch = 1000
    @Option(help: "Load into this PostgreSQL database (postgres://…) instead of <data>/nx.sqlite.") var database: String?

    func run() async throws {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let store: any SQLStore = if let database { try await PostgresStore(url: database) } else { try SQLiteStore(path: data + "/nx.sqlite") }
        let repository = Repository(registry: NXSchemas.registry, store: store)
        try await repository.bootstrap()
        let users = UserDirectory(store: store)
        try await users.seed()
        var corpus = Corpus(documents: docs, seed: seed)
        let start = ContinuousClock.now
        _ = try await repository.bulkCreate(corpus.folders(), principal: .unrestricted("Administrator"))
        var i = 0
        while i < docs {
            let end = min(docs, i + batch)
            let items = (i..<end).map { corpus.document($0) }
            _ = try await repository.bulkCreate(items, principal: .unrestricted("Administrator"))
            i = end
        }
        let seconds = (ContinuousClock.now - start).seconds
        if let postgres = store as? PostgresStore {
            try await postgres.optimize()
            await postgres.close()
        }
        print("{\"documents\": \(docs), \"seconds\": \(seconds), \"rate\": \(Double(docs) / seconds)}")
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

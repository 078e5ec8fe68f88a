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
    @Option(help: "A secured corpus: this many folders, each with a distinct local ACL (inheritance blocked); 0: the plain corpus.")
    var aclFolders = 0
    @Option(help: "Users of the secured corpus (user0…), password `password`.") var users = 1000
    @Option(help: "Groups of the secured corpus (group0…): user u is a member of group u % groups.") var groups = 100

    func run() async throws {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let store: any SQLStore = if let database { try await PostgresStore(url: database) } else { try SQLiteStore(path: data + "/nx.sqlite") }
        let repository = Repository(registry: NXSchemas.registry, store: store)
        try await repository.bootstrap()
        let users = UserDirectory(store: store)
        try await users.seed()
        var corpus = Corpus(documents: docs, seed: seed, folders: aclFolders > 0 ? aclFolders : nil)
        let start = ContinuousClock.now
        _ = try await repository.bulkCreate(corpus.folders(), principal: .unrestricted("Administrator"))
        if aclFolders > 0 { try await secure(repository, store: store, folders: corpus.folderCount) }
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

extension Load {
    /// Users, groups, and one distinct local ACL per folder, inheritance blocked. Folder `i` lets group `i % groups`
    /// read and write, and users `i % users` and `(i / 10) % users` read (with 10,000 folders and 1,000 users, every
    /// folder's ACL differs). Passwords are hashed at bcrypt's lowest cost: the server verifies each once per credential.
    func secure(_ repository: Repository, store: any SQLStore, folders: Int) async throws {
        let directory = UserDirectory(store: store, cost: 4)
        for g in 0..<groups {
            _ = try await directory.createGroup(GroupRecord(name: "group\(g)"))
        }
        for u in 0..<users {
            _ = try await directory.createUser(UserRecord(name: "user\(u)", groups: ["group\(u % groups)"]), password: "password")
        }
        let admin = Principal.unrestricted("Administrator")
        for i in 0..<folders {
            let aces = [ACE(username: "group\(i % groups)", permission: "ReadWrite"), ACE(username: "user\(i % users)", permission: "Read"),
                        ACE(username: "user\((i / 10) % users)", permission: "Read")]
            _ = try await repository.addPermission(.path(Corpus.folderPath(i)), aces, blockInheritance: true, principal: admin)
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

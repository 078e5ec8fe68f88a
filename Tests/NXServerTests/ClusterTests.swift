import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NXCore
import NXRuntime
import NXServer
import Testing

/// Two nodes on one PostgreSQL database serve one repository: a write on one is read on the other at once (its cache
/// included), concurrent updates of one document with the same change token give one success and one 409, and a bulk
/// command started on one node is processed by both and completes once. Runs in the PostgreSQL pass of `make test`.
@Suite(.enabled(if: LocalPostgres.testBackend == .postgres)) struct ClusterTests {
    static func configuration(_ endpoint: PostgresStore.Endpoint, directory: String, node: String) -> ServerConfiguration {
        var configuration = ServerConfiguration(port: 0, dataDirectory: directory, bcryptCost: 4)
        configuration.database = endpoint
        configuration.databaseReaders = 2
        configuration.nodeId = node
        return configuration
    }

    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test func twoNodesServeOneRepository() async throws {
        let endpoint = try await LocalPostgres.freshDatabase()
        // The binaries directory is shared by the nodes, as the database is.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nx-cluster-\(UUID().uuidString)").path
        let configA = Self.configuration(endpoint, directory: directory, node: "node-a")
        let configB = Self.configuration(endpoint, directory: directory, node: "node-b")
        let a = try await ServerState.open(configA)
        let b = try await ServerState.open(configB)
        let appA = ServerApplication.application(a, configuration: configA, logger: Logger(label: "node-a"))
        let appB = ServerApplication.application(b, configuration: configB, logger: Logger(label: "node-b"))
        try await appA.test(.router) { nodeA in
            try await appB.test(.router) { nodeB in
                // A write on A is read on B at once, also after B cached the document.
                let created = try await nodeA.execute(uri: "/nuxeo/api/v1/path/default-domain/workspaces", method: .post, headers: .admin(),
                                                      body: Self.json(#"{"entity-type":"document","type":"Note","name":"shared","properties":{"dc:title":"one"}}"#))
                #expect(created.status == .created, "\(created.text)")
                let id = try #require(created.json.objectValue?["uid"]?.stringValue)
                let first = try await nodeB.execute(uri: "/nuxeo/api/v1/id/\(id)", method: .get, headers: .admin())
                #expect(first.json.objectValue?["title"] == "one")
                for round in 0..<5 {
                    let title = "title \(round)"
                    let updated = try await nodeA.execute(uri: "/nuxeo/api/v1/id/\(id)", method: .put, headers: .admin(),
                                                          body: Self.json(#"{"entity-type":"document","properties":{"dc:title":"\#(title)"}}"#))
                    #expect(updated.status == .ok)
                    let read = try await nodeB.execute(uri: "/nuxeo/api/v1/id/\(id)", method: .get, headers: .admin())
                    #expect(read.json.objectValue?["title"] == .string(title), "round \(round): node B read a stale document")
                }

                // The same change token on both nodes at once: one wins, the other is refused with 409.
                let current = try await nodeB.execute(uri: "/nuxeo/api/v1/id/\(id)", method: .get, headers: .admin())
                let token = try #require(current.json.objectValue?["changeToken"]?.stringValue)
                let bodyA = Self.json(#"{"entity-type":"document","uid":"\#(id)","changeToken":"\#(token)","properties":{"dc:title":"from A"}}"#)
                let bodyB = Self.json(#"{"entity-type":"document","uid":"\#(id)","changeToken":"\#(token)","properties":{"dc:title":"from B"}}"#)
                async let fromA = nodeA.execute(uri: "/nuxeo/api/v1/id/\(id)", method: .put, headers: .admin(), body: bodyA)
                async let fromB = nodeB.execute(uri: "/nuxeo/api/v1/id/\(id)", method: .put, headers: .admin(), body: bodyB)
                let (responseA, responseB) = try await (fromA, fromB)
                #expect([responseA.status.code, responseB.status.code].sorted() == [200, 409], "\(responseA.text) \(responseB.text)")
                let winner = responseA.status == .ok ? "from A" : "from B"
                for node in [nodeA, nodeB] {
                    let stored = try await node.execute(uri: "/nuxeo/api/v1/id/\(id)", method: .get, headers: .admin())
                    #expect(stored.json.objectValue?["title"] == .string(winner))
                }

                // Both nodes are listed by each node.
                for node in [nodeA, nodeB] {
                    let capabilities = try await node.execute(uri: "/nuxeo/api/v1/capabilities", method: .get, headers: .admin())
                    let cluster = capabilities.json.objectValue?["cluster"]?.objectValue
                    #expect(cluster?["enabled"] == .bool(true))
                    #expect(cluster?["nodes"] == .array(["node-a", "node-b"]))
                }
            }
        }

        // A bulk command submitted on A, run by both nodes at once: every batch is processed once, by one of them.
        let folder = try await a.repository.create(in: .path("/default-domain/workspaces"), type: "Folder", name: "bulk", properties: nil,
                                                   principal: .system)
        for index in 0..<30 {
            _ = try await a.repository.create(in: .id(folder.id), type: "Note", name: "n\(index)", properties: nil, principal: .system)
        }
        let command = try await a.bulk.submit(
            BulkRequest(action: "setProperties", query: "SELECT * FROM Note WHERE ecm:parentId = '\(folder.id)'",
                        params: ["dc:description": "bulk"], batchSize: 3),
            principal: .system)
        var finished: BulkCommand?
        for _ in 0..<500 {
            async let stepA = a.bulk.runOnce()
            async let stepB = b.bulk.runOnce()
            _ = try await (stepA, stepB)
            if let status = try await b.bulk.status(command.id), !status.state.isActive {
                finished = status
                break
            }
        }
        let done = try #require(finished)
        #expect(done.state == .completed)
        #expect(done.processed == 30 && done.total == 30 && done.errorCount == 0)
        #expect(a.bulk.batchesProcessed + b.bulk.batchesProcessed == 10, "each batch of 3 processed once")
        #expect(a.bulk.batchesProcessed > 0 && b.bulk.batchesProcessed > 0, "both nodes processed batches")
        let described = try await b.repository.query("SELECT * FROM Note WHERE ecm:parentId = '\(folder.id)' AND dc:description = 'bulk'",
                                                     options: QueryOptions(request: PageRequest(pageSize: 0), principal: .system))
        #expect(described.page.resultsCount == 30)
        await (a.store as? PostgresStore)?.close()
        await (b.store as? PostgresStore)?.close()
    }
}

import Foundation
import GRDB
import NXCore
import NXRuntime
import NXSchemas

/// NXQL: lexer → parser → compiler → SQLite. Query errors (`NXQLError`) are expected; anything else is a finding:
/// a crash, a hang, or compiled SQL that SQLite refuses (the compiler must only ever emit valid SQL with the right
/// number of bound values). The input is also read as a fulltext query, whose FTS5 translation must be accepted too.
let fuzzNXQL: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { start, count in
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let database = Fixture.shared
    if let match = FulltextQuery.fts5(text) {
        database.run("SELECT COUNT(*) FROM fulltext WHERE fulltext MATCH ?", [.text(match)], what: "fulltext \(text.debugDescription) → \(match)")
    }
    let query: NXQLQuery
    do { query = try NXQLParser.parse(text) } catch is NXQLError { return 0 } catch { fatalError("parser threw \(error)") }
    var compiler = NXQLCompiler(registry: NXSchemas.registry)
    let compiled: CompiledQuery
    do { compiled = try compiler.compile(query) } catch is NXQLError { return 0 } catch { fatalError("compiler threw \(error)") }
    let order = (compiled.orderBy + ["d.rowid"]).joined(separator: ", ")
    database.run("SELECT d.id FROM documents d WHERE \(compiled.condition.sql) ORDER BY \(order) LIMIT 3",
                 compiled.condition.arguments, what: "query \(text.debugDescription)")
    return 0
}

/// A store with a few documents (strings, lists, complex lists, dates, numbers, fulltext), opened once per process.
final class Fixture: @unchecked Sendable {
    static let shared = Fixture()

    let queue: DatabaseQueue

    init() {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nx-fuzz-nxql-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("nx.sqlite").path
            let repository = Repository(registry: NXSchemas.registry, store: try SQLiteStore(path: path), now: { 1_700_000_000_000 })
            try blocking {
                try await repository.bootstrap()
                let ws = try await repository.create(in: .path("/default-domain/workspaces"), type: "Workspace", name: "ws",
                                                     properties: ["dc:title": "Fuzz"], principal: .system)
                _ = try await repository.create(in: .id(ws.id), type: "File", name: "f1", properties: [
                    "dc:title": "Quick fox", "dc:subjects": ["art", "sport"], "dc:description": "the quick brown fox",
                    "dc:issued": "2020-03-01T10:00:00.000Z", "uid:major_version": 2,
                    "relatedtext:relatedtextresources": [["relatedtextid": "a", "relatedtext": "x"]],
                ], principal: .system)
                _ = try await repository.create(in: .id(ws.id), type: "Note", name: "n1",
                                                properties: ["dc:title": "Lazy dog", "note:note": "lazy dogs sleep"], principal: .system)
            }
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA case_sensitive_like = ON")
                db.add(function: DatabaseFunction("nx_lower", argumentCount: 1, pure: true) { values in
                    String.fromDatabaseValue(values[0])?.lowercased() ?? values[0]
                })
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            fatalError("fixture: \(error)")
        }
    }

    /// Runs `sql` uncached (every input is a new statement); SQLite refusing it is a finding.
    func run(_ sql: String, _ arguments: [SQLValue], what: String) {
        do {
            try queue.read { db in
                let statement = try db.makeStatement(sql: sql)
                _ = try Row.fetchAll(statement, arguments: StatementArguments(arguments.map(\.databaseValue)))
            }
        } catch let error as DatabaseError where error.message?.contains("too many SQL variables") == true {
            // SQLite's bound-value limit (32766): a very long flat chain of predicates; not a compiler fault.
        } catch {
            fatalError("SQLite refused the SQL of \(what): \(error)\nSQL: \(sql)")
        }
    }
}

extension SQLValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let i): return i.databaseValue
        case .double(let d): return d.databaseValue
        case .text(let s): return s.databaseValue
        }
    }
}

/// Runs async setup from the synchronous fuzzer callback.
func blocking(_ body: @escaping @Sendable () async throws -> Void) throws {
    let semaphore = DispatchSemaphore(value: 0)
    let box = ErrorBox()
    Task.detached {
        do { try await body() } catch { box.error = error }
        semaphore.signal()
    }
    semaphore.wait()
    if let error = box.error { throw error }
}

final class ErrorBox: @unchecked Sendable {
    var error: (any Error)?
}

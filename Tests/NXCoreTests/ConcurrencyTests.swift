import NXCore
import NXRuntime
import Testing

/// Concurrent writers and readers: nothing lost, nothing duplicated, no deadlock (many more tasks than reader connections
/// used to deadlock the 2-thread pool).
@Suite struct ConcurrencyTests {
    /// 40 creates of the same name race 160 queries: every create gets its own id and name, every count a reader sees
    /// lies between nothing and everything, and the final count is exact.
    @Test(.timeLimit(.minutes(3))) func concurrentCreatesAndQueriesStayConsistent() async throws {
        let repository = try await makeRepository()
        let folder = try await repository.create(in: .path("/default-domain/workspaces"), type: "Folder", name: "race", properties: nil,
                                                 principal: .system)
        let creates = 40
        let query = "SELECT * FROM Note WHERE ecm:parentId = '\(folder.id)'"
        let outcomes = try await withThrowingTaskGroup(of: (created: DocumentRecord?, seen: Int?).self) { group in
            for index in 0..<200 {
                group.addTask {
                    if index % 5 == 0 {
                        return (try await repository.create(in: .id(folder.id), type: "Note", name: "same", properties: nil, principal: .system), nil)
                    }
                    let options = QueryOptions(request: PageRequest(pageSize: 5), principal: .system)
                    return (nil, try await repository.query(query, options: options).page.resultsCount)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let created = outcomes.compactMap(\.created)
        let seen = outcomes.compactMap(\.seen)
        #expect(created.count == creates)
        #expect(Set(created.map(\.id)).count == creates)
        #expect(Set(created.map(\.name)).count == creates)
        #expect(seen.count == 200 - creates)
        #expect(seen.allSatisfy { (0...creates).contains($0) })
        let final = try await repository.query(query, options: QueryOptions(request: PageRequest(pageSize: 0), principal: .system))
        #expect(final.page.resultsCount == creates)
        #expect(Set(final.page.entries.map(\.id)) == Set(created.map(\.id)))
    }

    /// Ten writers update one document with the same change token: exactly one wins, the others get 409, and the stored
    /// title is the winner's (no lost or merged write).
    @Test(.timeLimit(.minutes(3))) func sameChangeTokenHasExactlyOneWinner() async throws {
        let repository = try await makeRepository()
        let note = try await repository.create(in: .path("/default-domain/workspaces"), type: "Note", name: "contended",
                                               properties: ["dc:title": "start"], principal: .system)
        let token = String(note.changeToken)
        let results = await withTaskGroup(of: (String, Result<DocumentRecord, any Error>).self) { group in
            for index in 0..<10 {
                group.addTask {
                    let title = "writer \(index)"
                    do {
                        return (title, .success(try await repository.update(.id(note.id), properties: ["dc:title": .string(title)], changeToken: token,
                                                                           userChange: true, principal: .system)))
                    } catch {
                        return (title, .failure(error))
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let winners = results.filter { if case .success = $0.1 { true } else { false } }
        let conflicts = results.filter { if case .failure(let error as NXError) = $0.1 { error.code == .conflict } else { false } }
        #expect(winners.count == 1)
        #expect(conflicts.count == 9)
        let stored = try await repository.document(.id(note.id))
        #expect(stored.properties["dc:title"] == .string(try #require(winners.first).0))
        #expect(stored.changeToken == note.changeToken + 1)
    }
}

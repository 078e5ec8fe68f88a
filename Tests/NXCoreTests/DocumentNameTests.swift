import NXCore
import NXRuntime
import Testing

/// Document names: control characters are refused before anything is stored, and finding a free name is bounded.
@Suite struct DocumentNameTests {
    let ws = DocumentRef.path("/default-domain/workspaces")

    @Test(arguments: ["nul\u{0}a", "tab\tname", "line\nbreak", "bell\u{7}", "del\u{7F}"])
    func controlCharactersAreRefused(_ name: String) async throws {
        let repository = try await makeRepository()
        await #expect(throws: NXError.self) {
            _ = try await repository.create(in: ws, type: "Note", name: name, properties: nil, principal: .system)
        }
        // Nothing was stored and writes still work.
        let children = try await repository.children(of: ws, request: PageRequest(pageSize: 0), principal: .system)
        #expect(children.resultsCount == 0)
        #expect(try await repository.create(in: ws, type: "Note", name: "after", properties: nil, principal: .system).name == "after")
    }

    @Test func theErrorNamesTheCharacter() async throws {
        let repository = try await makeRepository()
        await #expect(throws: NXError.invalid("Invalid document name: control character U+0000 is not allowed")) {
            _ = try await repository.create(in: ws, type: "Note", name: "nul\u{0}a", properties: nil, principal: .system)
        }
    }

    @Test func renamesThroughMoveAndCopyAreCheckedToo() async throws {
        let repository = try await makeRepository()
        let note = try await repository.create(in: ws, type: "Note", name: "n", properties: nil, principal: .system)
        await #expect(throws: NXError.self) { _ = try await repository.move(.id(note.id), to: ws, name: "x\u{0}y", principal: .system) }
        await #expect(throws: NXError.self) { _ = try await repository.copy(.id(note.id), to: ws, name: "x\u{0}y", principal: .system) }
        #expect(try await repository.document(.id(note.id)).name == "n")
    }

    @Test func sameNamesGetDistinctSuffixes() async throws {
        let repository = try await makeRepository()
        var names: Set<String> = []
        for _ in 0..<5 {
            names.insert(try await repository.create(in: ws, type: "Note", name: "same", properties: nil, principal: .system).name)
        }
        #expect(names.count == 5 && names.contains("same"))
    }

    /// A name derived from a title (a saved search's) is cleaned, not refused: the client never gave it as a name.
    @Test func namesDerivedFromTitlesAreCleaned() async throws {
        let repository = try await makeRepository()
        let saved = try await repository.createSavedSearch(
            SavedSearch(title: "two\nlines", query: "SELECT * FROM Document", queryLanguage: "NXQL"), principal: Principal(name: "joe\tdoe"))
        #expect(saved.title == "two\nlines")
        let document = try #require(saved.document)
        #expect(!document.name.unicodeScalars.contains { $0.value < 0x20 })
    }
}

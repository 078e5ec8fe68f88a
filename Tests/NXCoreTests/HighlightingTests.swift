import NXRuntime
@testable import NXCore
import Testing

/// Highlights name fields: each field's own value, its query terms in `<em>`, cut in fragments of about 100 characters.
@Suite struct HighlightingTests {
    @Test func shortValuesAreOneFragment() {
        #expect(Highlighting.fragments("A <em>cat</em> here") == ["A <em>cat</em> here"])
        #expect(Highlighting.fragments("no match") == [])
    }

    @Test func longValuesAreCutAroundMatches() {
        let filler = String(repeating: "lorem ipsum ", count: 20)
        let marked = "<em>start</em> " + filler + "middle <em>word</em> " + filler + "end"
        let fragments = Highlighting.fragments(marked)
        #expect(fragments.count == 2)
        #expect(fragments[0].hasPrefix("<em>start</em> lorem"))
        #expect(fragments[1].contains("<em>word</em>"))
        #expect(fragments.allSatisfy { $0.replacingOccurrences(of: "<em>", with: "").replacingOccurrences(of: "</em>", with: "").count <= 100 })
    }

    @Test func fieldsAreHighlightedFromTheirOwnValue() async throws {
        let repository = try await makeRepository()
        let admin = Principal.unrestricted("Administrator")
        _ = try await repository.create(in: .path("/default-domain/workspaces"), type: "File", name: "a", properties: [
            "dc:title": "Zephyrquill report", "dc:description": "Notes on zéphyrquill and more", "dc:subjects": ["art", "zephyrquill"],
        ], principal: admin)
        _ = try await repository.create(in: .path("/default-domain/workspaces"), type: "File", name: "b", properties: [
            "dc:title": "Other", "dc:description": "Mentions zephyrquill",
        ], principal: admin)
        let options = QueryOptions(request: PageRequest(pageSize: 10), highlightFields: ["dc:title.fulltext", "dc:description.fulltext", "dc:subjects"],
                                   principal: admin)
        let result = try await repository.query("SELECT * FROM File WHERE ecm:fulltext = 'zephyrquill' ORDER BY dc:title", options: options)
        let ids = result.page.entries.map(\.id)
        #expect(ids.count == 2)
        #expect(result.highlights[ids[0]] == ["dc:description.fulltext": ["Mentions <em>zephyrquill</em>"]])
        #expect(result.highlights[ids[1]] == [
            "dc:title.fulltext": ["<em>Zephyrquill</em> report"],
            "dc:description.fulltext": ["Notes on <em>zéphyrquill</em> and more"],
            "dc:subjects": ["<em>zephyrquill</em>"],
        ])
        // No fulltext query: nothing to highlight.
        let plain = try await repository.query("SELECT * FROM File", options: options)
        #expect(plain.highlights.isEmpty)
    }
}

import Foundation
import NXAPIRuntime
import NXModel
import NXRuntime
import Testing

/// Route matching is data-driven and tested on its own.
@Suite struct RouteMatcherTests {
    let doc: [RouteSegment] = [.docRef("doc")]
    let children: [RouteSegment] = [.docRef("doc"), .literal("@children")]

    func match(_ path: String, _ pattern: [RouteSegment]) -> RouteBindings? {
        RouteMatcher.match(RouteMatcher.segments(Substring(path))[...], pattern[...])
    }

    @Test func documentReferences() {
        #expect(match("/id/abc", doc)?.docRefs["doc"] == .id("abc"))
        #expect(match("/path/", doc)?.docRefs["doc"] == .path("/"))
        #expect(match("/path", doc)?.docRefs["doc"] == .path("/"))
        #expect(match("/path/a/b%20c/", doc)?.docRefs["doc"] == .path("/a/b c"))
        #expect(match("/path/a/@children", children)?.docRefs["doc"] == .path("/a"))
        #expect(match("/path/a/@children", doc) == nil)
        #expect(match("/id/abc/@children", children)?.docRefs["doc"] == .id("abc"))
        #expect(match("/id/", doc) == nil)
        #expect(match("/other/x", doc) == nil)
    }

    @Test func parametersAndLiterals() {
        let user: [RouteSegment] = [.literal("user"), .param("name")]
        #expect(match("/user/J%C3%BCrgen", user)?.params["name"] == "Jürgen")
        #expect(match("/user/", user) == nil)
        #expect(match("/user/a/b", user) == nil)
    }

    @Test func queryParsing() {
        let query = APIDispatcher.parseQuery("a=1&b=x%20y+z&c&%70ageSize=2")
        #expect(query.map(\.0) == ["a", "b", "c", "pageSize"])
        #expect(query.map(\.1) == ["1", "x y z", "", "2"])
    }
}

/// Every example of `Spec/entities/` decodes and writes back with its fields intact.
@Suite struct EntityExampleTests {
    @Test(arguments: EntityExamples.all.map { "\($0.entity)/\($0.name)" })
    func roundTrip(_ id: String) throws {
        let example = try #require(EntityExamples.all.first { "\($0.entity)/\($0.name)" == id })
        let original = try NXJSON.parse(Array(example.json.utf8))
        let written = try NXJSON.parse(try example.roundTrip(example.json))
        guard case .object(let expected) = original, case .object(let actual) = written else {
            Issue.record("examples are objects")
            return
        }
        for (key, value) in expected {
            #expect(actual[key] == value, "\(key)")
        }
    }

    @Test func unknownFieldsAreIgnoredAndUnknownEnumValuesKept() throws {
        let document = try NXJSON.decode(DocumentEntity.self, from: #"{"entity-type":"document","uid":"u","nonsense":{"a":1}}"#)
        #expect(document.uid == "u")
        #expect(VersioningOption(rawValue: "major") == .major)
        #expect(VersioningOption(rawValue: "SIDEWAYS") == .unknown("SIDEWAYS"))
        let orders: [NXModel.SortOrder] = try NXJSON.decode([NXModel.SortOrder].self, from: #"["asc","up"]"#)
        #expect(orders == [NXModel.SortOrder.asc, NXModel.SortOrder.unknown("up")])
    }
}

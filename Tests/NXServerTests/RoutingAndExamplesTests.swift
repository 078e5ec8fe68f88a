import Foundation
import HTTPTypes
import Hummingbird
@testable import NXAPIRuntime
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

    /// The dispatcher's index finds, for every path, the resource a scan of every route in order finds: the first
    /// matching pattern's routes, one per method.
    @Test func routeTableFindsWhatAScanFinds() throws {
        func route(_ id: String, _ method: HTTPRequest.Method, _ segments: [RouteSegment]) -> APIRoute {
            APIRoute(id: id, method: method, segments: segments) { _ in Response(status: .ok) }
        }
        let routes = [
            route("getDoc", .get, [.docRef("doc")]), route("putDoc", .put, [.docRef("doc")]),
            route("children", .get, [.docRef("doc"), .literal("@children")]),
            route("blob", .get, [.docRef("doc"), .literal("@blob"), .xpath("xpath")]),
            route("searchUsers", .get, [.literal("user"), .literal("search")]),
            route("getUser", .get, [.literal("user"), .param("name")]), route("putUser", .put, [.literal("user"), .param("userName")]),
            route("anything", .get, [.param("first"), .literal("x")]),
        ]
        let dispatcher = APIDispatcher(routes: routes, configuration: APIConfiguration(
            basePaths: ["/api"], repositoryHeader: "X-Repo", repositoryQuery: "repo", defaultRepository: "default", repositories: ["default"]))
        let table = dispatcher.table
        for path in ["/id/abc", "/path/a/b", "/id/abc/@children", "/path/a/@blob/file:content", "/user/search", "/user/jane", "/user/x",
                     "/id/x", "/zzz/x", "/user/a/b", "/other", "/"] {
            let segments = RouteMatcher.segments(Substring(path))[...]
            let scanned = table.routes.first { RouteMatcher.match(segments, $0.segments[...]) != nil }
            let expected = scanned.map { first in table.routes.filter { APIDispatcher.sameShape($0.segments, first.segments) }.map(\.id) }
            #expect(table.resource(matching: segments).map { $0.map { table.routes[$0].id } } == expected, "\(path)")
        }
        #expect(table.resource(matching: RouteMatcher.segments("/user/jane")[...]).map { $0.map { table.routes[$0].id } } == ["getUser", "putUser"])
        #expect(table.resource(matching: RouteMatcher.segments("/id/x")[...]).map { $0.map { table.routes[$0].id } } == ["anything"],
                "a literal second segment beats a document reference")
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

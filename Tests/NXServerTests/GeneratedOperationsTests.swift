import Hummingbird
import Logging
import NXAPI
import NXAPIRuntime
import NXModel
import NXRuntime
import Testing

/// The generated operation registry and params structs built from `Spec/operations/`.
@Suite struct GeneratedOperationsTests {
    @Test func descriptorsAreSortedAndFindableByAlias() throws {
        let ids = NXOperations.descriptors.map(\.id)
        #expect(ids == ids.sorted())
        for id in ["Document.Create", "Document.Update", "Repository.Query", "Repository.GetDocument", "Log", "Document.AddPermission",
                   "Document.FollowLifecycleTransition", "Document.GetVersions", "Document.UnblockPermissionInheritance"] {
            #expect(NXOperations.descriptor(id)?.id == id, "\(id)")
        }
        #expect(NXOperations.descriptor("Document.AddACL")?.id == "Document.AddPermission")
        #expect(NXOperations.descriptor("Document.Fetch")?.id == "Repository.GetDocument")
        #expect(NXOperations.descriptor("Document.Query")?.id == "Repository.Query")
        #expect(NXOperations.descriptor("Document.SetLifeCycle")?.id == "Document.FollowLifecycleTransition")
        #expect(NXOperations.descriptor("No.Such") == nil)
        let log = try #require(NXOperations.descriptor("Log"))
        #expect(log.signature == [OperationSignature(input: "void", output: "void")])
        #expect(log.params.map(\.name) == ["level", "message", "category"], "required first, then by name")
        #expect(log.params.first?.values == ["info", "debug", "warn", "error"] && log.params.first?.defaultValue == "info")
        let checkIn = try #require(NXOperations.descriptor("Document.CheckIn"))
        #expect(checkIn.params.map(\.name) == ["version", "comment", "versionVarName"], "explicit order wins")
    }

    @Test func createParamsFromTextProperties() throws {
        let params = try DocumentCreateParams(params: ["type": "File", "name": "f1", "properties": "dc:title=T\n# c\ndc:description=a\\\nb", "x": 1])
        #expect(params.type == "File" && params.name == "f1")
        #expect(params.properties == ["dc:title": "T", "dc:description": "a\nb"])
        #expect(throws: NXError.invalid("Failed to inject parameter 'type'. Seems it is missing from the context. Operation: Document.Create")) {
            try DocumentCreateParams(params: ["name": "f1"])
        }
    }

    @Test func defaultsAliasesAndConversions() throws {
        let update = try DocumentUpdateParams(params: ["properties": ["dc:title": "T"]])
        #expect(update.save == true && update.changeToken == nil)
        #expect(try DocumentUpdateParams(params: ["properties": "a=b", "save": "false"]).save == false)
        let add = try DocumentAddPermissionParams(params: ["user": "jdoe", "permission": "Read", "blockInheritance": "true"])
        #expect(add.username == "jdoe" && add.acl == "local" && add.blockInheritance && !add.notify && add.users == nil)
        let query = try RepositoryQueryParams(params: ["query": "SELECT * FROM Document", "page": "2", "pageSize": 10, "searchTerm": "a,b"])
        #expect(query.currentPageIndex == 2 && query.pageSize == 10 && query.queryParams == ["a", "b"] && query.language == "NXQL")
        #expect(query.quotePatternParameters && query.escapePatternParameters)
        let copy = try DocumentCopyParams(params: ["target": "doc:/default-domain/workspaces"])
        #expect(copy.target == .path("/default-domain/workspaces") && copy.resetLifeCycle == false)
        #expect(throws: NXError.self) { try DocumentCopyParams(params: ["target": "/a", "resetLifeCycle": "perhaps"]) }
    }

    @Test func documentEnrichersAreDeclaredInSpecOrder() async throws {
        #expect(DocumentEnrichers.names == [
            "breadcrumb", "children", "permissions", "acls", "hasFolderishChild", "hasContent", "subtypes", "userVisiblePermissions",
            "firstAccessibleAncestor", "audit", "documentURL", "thumbnail", "renditions", "preview", "publications", "pendingTasks",
            "runningWorkflows", "runnableWorkflows",
        ])
        let handler = RecordingEnrichers()
        #expect(try await DocumentEnrichers.run("hasFolderishChild", on: handler, "doc") == .string("hasFolderishChild:doc"))
        #expect(try await DocumentEnrichers.run("documentURL", on: handler, "doc") == .string("documentURL:doc"))
        #expect(try await DocumentEnrichers.run("favorites", on: handler, "doc") == nil, "unknown enrichers are ignored")
    }
}

/// Answers every enricher with `name:subject`.
struct RecordingEnrichers: DocumentEnricherHandlers {
    func value(_ name: String, _ subject: String) -> JSONValue? { .string("\(name):\(subject)") }
    func breadcrumb(_ subject: String) async throws -> JSONValue? { value("breadcrumb", subject) }
    func children(_ subject: String) async throws -> JSONValue? { value("children", subject) }
    func permissions(_ subject: String) async throws -> JSONValue? { value("permissions", subject) }
    func acls(_ subject: String) async throws -> JSONValue? { value("acls", subject) }
    func hasFolderishChild(_ subject: String) async throws -> JSONValue? { value("hasFolderishChild", subject) }
    func hasContent(_ subject: String) async throws -> JSONValue? { value("hasContent", subject) }
    func subtypes(_ subject: String) async throws -> JSONValue? { value("subtypes", subject) }
    func userVisiblePermissions(_ subject: String) async throws -> JSONValue? { value("userVisiblePermissions", subject) }
    func firstAccessibleAncestor(_ subject: String) async throws -> JSONValue? { value("firstAccessibleAncestor", subject) }
    func audit(_ subject: String) async throws -> JSONValue? { value("audit", subject) }
    func documentURL(_ subject: String) async throws -> JSONValue? { value("documentURL", subject) }
    func thumbnail(_ subject: String) async throws -> JSONValue? { value("thumbnail", subject) }
    func renditions(_ subject: String) async throws -> JSONValue? { nil }
    func preview(_ subject: String) async throws -> JSONValue? { nil }
    func publications(_ subject: String) async throws -> JSONValue? { value("publications", subject) }
    func pendingTasks(_ subject: String) async throws -> JSONValue? { value("pendingTasks", subject) }
    func runningWorkflows(_ subject: String) async throws -> JSONValue? { value("runningWorkflows", subject) }
    func runnableWorkflows(_ subject: String) async throws -> JSONValue? { value("runnableWorkflows", subject) }
}

/// Raw JSON bodies and `NXBody` responses.
@Suite struct RawBodyTests {
    func request(_ body: String) -> APIRequest {
        APIRequest(bindings: RouteBindings(), repository: "default", query: [], headers: [:], body: Array(body.utf8),
                   call: NXCallContext(principal: NXPrincipal(name: "Administrator", isAdministrator: true), baseURL: "http://localhost/nuxeo/",
                                       logger: Logger(label: "test")))
    }

    @Test func jsonBodyWhateverTheContentType() throws {
        #expect(try request("").jsonBody() == .object(JSONObject()))
        #expect(try request("  \n").jsonBody() == .object(JSONObject()))
        #expect(try request(#"{"params":{"a":1},"input":"doc:/"}"#).jsonBody() == ["params": ["a": 1], "input": "doc:/"])
        #expect(try request("[1,2]").jsonBody() == [1, 2])
        do {
            _ = try request("{oops").jsonBody()
            Issue.record("malformed JSON must fail")
        } catch let error as NXError {
            #expect(error.code == .invalidArgument && error.message.hasPrefix("Unable to parse the request body as JSON"))
        }
    }

    @Test func bodyStatusesAndHeaders() {
        let json = NXBody.json(["a": 1]).response(defaultStatus: 200)
        #expect(json.status.code == 200 && json.headers[.contentType] == "application/json")
        let entity = NXBody.entity(ExceptionEntity(status: 409, message: "m"), status: 409).response(defaultStatus: 200)
        #expect(entity.status.code == 409 && entity.headers[.contentType] == "application/json; nuxeo-entity=exception")
        let bytes = NXBody.bytes([1, 2, 3], contentType: "text/plain", filename: "résumé \"v1\".txt").response(defaultStatus: 200)
        #expect(bytes.headers[.contentType] == "text/plain")
        #expect(bytes.headers[.contentDisposition] == "attachment; filename=\"r_sum_ _v1_.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v1%22.txt")
        #expect(NXBody.empty().response(defaultStatus: 200).status.code == 204)
        #expect(NXBody.empty(status: 202).response(defaultStatus: 200).status.code == 202)
    }
}

import NXSpec

/// Emits `NXAPI`: API info, header specs, per-endpoint outputs, handler protocols (one argument per input field) and
/// the route table, whose routes decode each input field from the request and hand it to the handler.
enum APIEmitter {
    static func emit(_ model: SpecModel) -> [GeneratedFile] {
        let types = TypeMapping(model: model)
        var files: [GeneratedFile] = [infoFile(model), headersFile(model), routesFile(model, types)]
        let groups = Dictionary(grouping: model.endpoints, by: \.group)
        for (group, endpoints) in groups.sorted(by: { $0.key < $1.key }) {
            let sources = Set(endpoints.map(\.origin.file))
            var decls: [SwiftDecl] = [protocolDecl(group, endpoints, model, types)]
            for endpoint in endpoints {
                decls.append(outputDecl(endpoint, model))
            }
            files.append(GeneratedFile(
                path: "NXAPI/\(protocolName(group)).swift",
                contents: SwiftRenderer.render(SwiftFile(sources: Array(sources), imports: ["Hummingbird", "NXAPIRuntime", "NXModel", "NXRuntime"], decls: decls))))
        }
        return files
    }

    static func protocolName(_ group: String) -> String { Naming.upperCamel(group) + "API" }
    static func outputName(_ e: EndpointDef) -> String { Naming.upperCamel(e.id) + "Output" }

    static func caseName(_ status: Int) -> String {
        switch status {
        case 200: return "ok"
        case 201: return "created"
        case 202: return "accepted"
        case 204: return "noContent"
        default: return "status\(status)"
        }
    }

    static func infoFile(_ model: SpecModel) -> GeneratedFile {
        let api = model.api
        let members: [SwiftDecl] = [
            .property(docs: ["API title."], modifiers: "public static let", name: "title", type: "String", value: Naming.literal(api.title), body: nil),
            .property(docs: ["Base paths every endpoint is served under."], modifiers: "public static let", name: "basePaths", type: "[String]",
                      value: "[" + api.basePaths.map(Naming.literal).joined(separator: ", ") + "]", body: nil),
            .property(docs: ["Header selecting a repository."], modifiers: "public static let", name: "repositoryHeader", type: "String",
                      value: Naming.literal(api.repositoryHeader), body: nil),
            .property(docs: ["Query parameter selecting a repository."], modifiers: "public static let", name: "repositoryQuery", type: "String",
                      value: Naming.literal(api.repositoryQuery), body: nil),
            .property(docs: ["Default repository name."], modifiers: "public static let", name: "defaultRepository", type: "String",
                      value: Naming.literal(api.defaultRepository), body: nil),
            .property(docs: ["Realm of the Basic authentication challenge."], modifiers: "public static let", name: "basicRealm", type: "String",
                      value: Naming.literal(api.basicRealm), body: nil),
            .property(docs: ["Path prefixes answered as the given paths under a base path."], modifiers: "public static let",
                      name: "pathAliases", type: "[(from: String, to: String)]",
                      value: "[" + api.pathAliases.map { "(\(Naming.literal($0.from)), \(Naming.literal($0.to)))" }.joined(separator: ", ") + "]", body: nil),
            .function(docs: ["The dispatcher configuration for the given repositories."],
                      signature: "public static func configuration(repositories: Set<String>) -> APIConfiguration",
                      body: [.line("APIConfiguration(basePaths: basePaths, repositoryHeader: repositoryHeader, repositoryQuery: repositoryQuery, "
                                   + "defaultRepository: defaultRepository, repositories: repositories, pathAliases: pathAliases)")]),
        ]
        let decl = SwiftDecl.type(kind: .enum, name: "NXAPIInfo", conformances: [], docs: ["Root information of the API.", "", "Generated from Spec/api.yaml"], members: members)
        return GeneratedFile(path: "NXAPI/NXAPIInfo.swift",
                             contents: SwiftRenderer.render(SwiftFile(sources: ["Spec/api.yaml"], imports: ["NXAPIRuntime"], decls: [decl])))
    }

    static func headersFile(_ model: SpecModel) -> GeneratedFile {
        let members: [SwiftDecl] = model.headers.map { h in
            .property(docs: [h.description.isEmpty ? "`\(h.name)`" : h.description, "", "Generated from \(h.origin)"],
                      modifiers: "public static let", name: Naming.identifier(h.name), type: "HeaderSpec",
                      value: "HeaderSpec(name: \(Naming.literal(h.name)), aliases: [\(h.aliases.map(Naming.literal).joined(separator: ", "))], "
                        + "query: \(h.query), list: \(h.list))", body: nil)
        }
        let decl = SwiftDecl.type(kind: .enum, name: "NXHeaders", conformances: [], docs: ["Headers endpoints read, with their spellings."], members: members)
        let sources = Set(model.headers.map(\.origin.file))
        return GeneratedFile(path: "NXAPI/NXHeaders.swift",
                             contents: SwiftRenderer.render(SwiftFile(sources: Array(sources), imports: ["NXAPIRuntime"], decls: [decl])))
    }

    /// The input fields of an endpoint: repository, its own parameters and headers, one value per parameter set, the body.
    static func inputFields(_ e: EndpointDef, _ model: SpecModel, _ types: TypeMapping) -> [InputField] {
        var fields = [InputField(name: "repository", type: "String", docs: "The selected repository.", decode: "request.repository")]
        for p in e.ownParams {
            switch p.location {
            case .path: fields.append(InputField.path(p))
            case .query: fields.append(InputField.query(p, types))
            case .form: fields.append(InputField.form(p, types))
            }
        }
        fields += e.paramSets.compactMap(model.paramSet).map(InputField.paramSet)
        fields += e.ownHeaders(model).compactMap(model.header).map { InputField.header($0) }
        if let body = e.body, let entity = model.entity(body) {
            fields.append(InputField(name: "body", type: entity.swiftName, docs: "The request body.", decode: "try request.body(\(entity.swiftName).self)"))
        } else if e.jsonBody {
            fields.append(InputField(name: "body", type: "JSONValue", docs: "The request body: any JSON, whatever its Content-Type (empty = `{}`).",
                                     decode: "try request.jsonBody()"))
        } else if e.binaryBody {
            fields.append(InputField(name: "body", type: "NXRequestStream", docs: "The request body, streamed: never read whole.",
                                     decode: "try request.stream()"))
        }
        return fields
    }

    /// The runtime outcome type (NXAPIRuntime's `EndpointOutputs.swift`) an endpoint's only success matches, if any.
    static func sharedOutput(_ e: EndpointDef, _ model: SpecModel) -> String? {
        let successes = e.responses.filter { (200..<300).contains($0.status) }
        guard successes.count == 1, let r = successes.first else { return nil }
        switch (r.status, r.kind) {
        case (200, .entity(let name)): return model.entity(name).map { "EntityOutput<\($0.swiftName)>" }
        case (201, .entity(let name)): return model.entity(name).map { "CreatedOutput<\($0.swiftName)>" }
        case (204, .empty): return "NoContentOutput"
        case (200, .json): return "JSONOutput"
        case (200, .any): return "BodyOutput"
        default: return nil
        }
    }

    static func outputDecl(_ e: EndpointDef, _ model: SpecModel) -> SwiftDecl {
        if let shared = sharedOutput(e, model) {
            return .typealias(docs: ["Successful outcome of `\(e.method) \(e.path)`; errors are thrown.", "", "Generated from \(e.origin)"],
                              text: "\(outputName(e)) = \(shared)")
        }
        let successes = e.responses.filter { (200..<300).contains($0.status) }
        var members: [SwiftDecl] = []
        var cases: [SwiftStmt] = []
        for r in successes {
            let name = caseName(r.status)
            switch r.kind {
            case .entity(let entityName):
                let swiftName = model.entity(entityName)?.swiftName ?? Naming.upperCamel(entityName)
                members.append(.enumCase(docs: ["\(r.status) with a `\(entityName)` entity."], text: "\(name)(\(swiftName))"))
                cases.append(.line("case .\(name)(let entity): return EntityResponse.make(status: \(r.status), entity)"))
            case .json:
                members.append(.enumCase(docs: ["\(r.status) with any JSON value (`application/json`)."], text: "\(name)(JSONValue)"))
                cases.append(.line("case .\(name)(let value): return EntityResponse.json(status: \(r.status), value)"))
            case .any:
                members.append(.enumCase(docs: ["\(r.status) (unless the body names another status) with a body the handler chooses."],
                                         text: "\(name)(NXBody)"))
                cases.append(.line("case .\(name)(let body): return body.response(defaultStatus: \(r.status))"))
            case .empty:
                members.append(.enumCase(docs: ["\(r.status), no body."], text: name))
                cases.append(.line("case .\(name): return EntityResponse.empty(status: \(r.status))"))
            }
        }
        members.append(.function(docs: ["The HTTP response."], signature: "public func response() -> Response", body: [.block("switch self {", cases)]))
        return .type(kind: .enum, name: outputName(e), conformances: ["Sendable"],
                     docs: ["Successful outcomes of `\(e.method) \(e.path)`; errors are thrown.", "", "Generated from \(e.origin)"], members: members)
    }

    /// The handler protocol of a group: one requirement per endpoint taking every input field as an argument, so a field
    /// added to the spec changes the requirement and a handler that does not take it no longer compiles.
    static func protocolDecl(_ group: String, _ endpoints: [EndpointDef], _ model: SpecModel, _ types: TypeMapping) -> SwiftDecl {
        let members: [SwiftDecl] = endpoints.map { e in
            let fields = inputFields(e, model, types)
            let arguments = fields.map { "\($0.name): \($0.type)" } + ["context: NXCallContext"]
            let parameters = ["- Parameters:"] + fields.map { "  - \($0.name.trimmingBackticks): \($0.docs)" } + ["  - context: Who calls, and the raw request."]
            return .function(docs: [e.summary.isEmpty ? "`\(e.method) \(e.path)`" : e.summary, "", "`\(e.method) \(e.path)` — generated from \(e.origin)", ""]
                             + parameters,
                             signature: "func \(Naming.identifier(e.id))(\(arguments.joined(separator: ", "))) async throws -> \(outputName(e))",
                             body: nil)
        }
        return .type(kind: .protocol, name: protocolName(group), conformances: ["Sendable"],
                     docs: ["Handlers of `\(group)` endpoints; implemented by the server."], members: members)
    }

    static func segments(_ e: EndpointDef) -> String {
        let parts = e.path.split(separator: "/").map { segment -> String in
            if segment.hasPrefix("{") && segment.hasSuffix("}") {
                let name = String(segment.dropFirst().dropLast())
                switch e.params.first(where: { $0.name == name })?.type {
                case .docRef?: return ".docRef(\(Naming.literal(name)))"
                case .xpath?: return ".xpath(\(Naming.literal(name)))"
                default: return ".param(\(Naming.literal(name)))"
                }
            }
            return ".literal(\(Naming.literal(String(segment))))"
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    static func routesFile(_ model: SpecModel, _ types: TypeMapping) -> GeneratedFile {
        let groups = Set(model.endpoints.map(\.group)).sorted()
        let alias = SwiftDecl.typealias(docs: ["Every handler protocol; the server implements them all."],
                                        text: "NXAPIHandlers = " + groups.map(protocolName).joined(separator: " & "))
        var routes: [SwiftStmt] = []
        for e in model.endpoints {
            routes.append(.block(
                "APIRoute(id: \(Naming.literal(e.id)), method: .\(e.method.lowercased()), segments: \(segments(e))"
                    + (e.binaryBody ? ", streamsBody: true" : "") + ") { request in",
                [.line("try await handler.\(Naming.identifier(e.id))("
                       + (inputFields(e, model, types).map { "\(Naming.argumentLabel($0.name)): \($0.decode)" } + ["context: request.call"]).joined(separator: ", ")
                       + ").response()")],
                close: "},"))
        }
        let table = SwiftDecl.type(kind: .enum, name: "NXRoutes", conformances: [], docs: ["The route table: data the dispatcher matches."], members: [
            .function(docs: ["Every route, bound to `handler`."],
                      signature: "public static func all(_ handler: some NXAPIHandlers) -> [APIRoute]",
                      body: [.block("[", routes, close: "]")])
        ])
        let sources = Set(model.endpoints.map(\.origin.file))
        return GeneratedFile(path: "NXAPI/NXRoutes.swift",
                             contents: SwiftRenderer.render(SwiftFile(sources: Array(sources), imports: ["NXAPIRuntime", "NXModel", "NXRuntime"], decls: [alias, table])))
    }
}

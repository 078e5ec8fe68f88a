import Foundation
import NXSpec

/// Emits `NXClient`: the client struct and one method per endpoint (plus a paging sequence for paged responses).
enum ClientEmitter {
    static func emit(_ model: SpecModel) -> [GeneratedFile] {
        let types = TypeMapping(model: model)
        var files = [clientFile(model)]
        let groups = Dictionary(grouping: model.endpoints, by: \.group)
        for (group, endpoints) in groups.sorted(by: { $0.key < $1.key }) {
            var members: [SwiftDecl] = []
            for e in endpoints {
                members.append(method(e, model, types))
                if e.success?.paged == true, e.params.contains(where: { $0.name == "currentPageIndex" }) {
                    members.append(pagesMethod(e, model, types))
                }
            }
            let decl = SwiftDecl.type(kind: .extension, name: "NXClient", conformances: [], docs: [], members: members)
            files.append(GeneratedFile(
                path: "NXClient/NXClient+\(Naming.upperCamel(group)).swift",
                contents: SwiftRenderer.render(SwiftFile(sources: Array(Set(endpoints.map(\.origin.file))),
                                                         imports: ["NXClientRuntime", "NXHTTP", "NXModel", "NXRuntime"], decls: [decl]))))
        }
        return files
    }

    static func clientFile(_ model: SpecModel) -> GeneratedFile {
        let decl = SwiftDecl.type(kind: .struct, name: "NXClient", conformances: ["Sendable"], docs: [
            "Client of the \(model.api.title): one async method per endpoint, throwing `NXClientError` (`.notFound`,",
            "`.conflict`… carry the server's exception entity); failed idempotent requests are retried as `core.retry` says.",
        ], members: [
            .property(docs: ["Transport and credentials."], modifiers: "public var", name: "core", type: "NXClientCore", value: nil, body: nil),
            .function(docs: ["A client over any transport."], signature: "public init(transport: any NXTransport, credentials: NXCredentials?)",
                      body: [.line("core = NXClientCore(transport: transport, credentials: credentials)")]),
            .function(docs: ["A client of the server at `baseURL` (e.g. `http://127.0.0.1:8080/nuxeo/api/v1`) with Basic credentials."],
                      signature: "public init(baseURL: String, user: String, password: String)",
                      body: [.line("self.init(transport: HTTPClientTransport(baseURL: baseURL), credentials: NXCredentials(user: user, password: password))")]),
            .property(docs: ["The default base path."], modifiers: "public static let", name: "defaultBasePath", type: "String",
                      value: Naming.literal(model.api.basePaths.first ?? ""), body: nil),
        ])
        return GeneratedFile(path: "NXClient/NXClient.swift",
                             contents: SwiftRenderer.render(SwiftFile(sources: ["Spec/api.yaml"], imports: ["NXClientRuntime", "NXHTTP"], decls: [decl])))
    }

    /// Parameters of the Swift method (label, type+default) and statements filling `request`.
    static func parts(_ e: EndpointDef, _ model: SpecModel, _ types: TypeMapping, skipping: Set<String> = [])
        -> (params: [String], stmts: [SwiftStmt], path: String, docs: [String])
    {
        var params: [String] = []
        var docs: [String] = []
        /// One `- name: what` line of the method's documentation.
        func document(_ name: String, _ text: String, _ fallback: String) {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ")
            docs.append("  - \(name.replacingOccurrences(of: "`", with: "")): \(trimmed.isEmpty ? fallback : trimmed)")
        }
        var stmts: [SwiftStmt] = []
        var pathParts: [String] = []
        for segment in e.path.split(separator: "/") {
            if segment.hasPrefix("{") {
                let name = String(segment.dropFirst().dropLast())
                switch e.params.first(where: { $0.name == name })?.type {
                case .docRef?: pathParts.append("\\(\(Naming.identifier(name)).urlPath)")
                case .xpath?: pathParts.append("/\\(NXClientCore.encodeXPath(\(Naming.identifier(name))))")
                default: pathParts.append("/\\(PercentEncoding.encodePathSegment(\(Naming.identifier(name))))")
                }
            } else {
                pathParts.append("/" + segment)
            }
        }
        for p in e.params where p.location == .path {
            params.append(p.type == .docRef ? "_ \(Naming.identifier(p.name)): DocumentRef" : "\(Naming.identifier(p.name)): String")
            document(Naming.identifier(p.name), p.description, p.type == .docRef ? "The document, by id or by path." : "The `\(p.name)` of the path.")
        }
        params.append("repository: String? = nil")
        document("repository", "", "The repository to address (`/repo/{name}`); the server's default when nil.")
        for p in e.ownParams where p.location == .query && !skipping.contains(p.name) {
            params.append("\(Naming.identifier(p.name)): \(types.swiftType(p.type))? = nil")
            stmts.append(queryStatement(p, types, owner: ""))
            document(Naming.identifier(p.name), p.description, "The `\(p.name)` query parameter; not sent when nil.")
        }
        let formParams = e.ownParams.filter { $0.location == .form }
        if !formParams.isEmpty {
            stmts.append(.line("var form: [(String, String)] = []"))
            for p in formParams {
                params.append("\(Naming.identifier(p.name)): \(types.swiftType(p.type))? = nil")
                stmts.append(queryStatement(p, types, owner: "", into: "form"))
                document(Naming.identifier(p.name), p.description, "The `\(p.name)` form field; not sent when nil.")
            }
            stmts.append(.line("request.body = NXClientCore.formBody(form)"))
            stmts.append(.line("request.headers.append((\"Content-Type\", \"application/x-www-form-urlencoded\"))"))
        }
        for set in e.paramSets.compactMap(model.paramSet) {
            let name = Naming.identifier(set.name)
            params.append("\(name): \(ParamSetEmitter.typeName(set)) = .init()")
            stmts.append(.line("\(name).apply(to: &request)"))
            document(name, set.description, "Parameters shared by several endpoints.")
        }
        for h in e.ownHeaders(model).compactMap(model.header) {
            let name = Naming.identifier(h.name)
            if h.list {
                params.append("\(name): [String] = []")
            } else if let type = h.type {
                params.append("\(name): \(Naming.upperCamel(type))? = nil")
            } else {
                params.append("\(name): String? = nil")
            }
            stmts.append(headerStatement(h, owner: ""))
            document(name, h.description, "The `\(h.name)` header; not sent when nil.")
        }
        if let body = e.body, let entity = model.entity(body) {
            params.append("body: \(entity.swiftName)")
            stmts.append(.line("request.body = body.jsonBytes()"))
            document("body", "", "The `\(entity.name)` entity sent.")
        } else if e.jsonBody {
            params.append("body: JSONValue")
            stmts.append(.line("request.body = NXClientCore.jsonBytes(body)"))
            document("body", "", "The JSON body sent.")
        } else if e.binaryBody {
            params.append("body: NXUploadSource")
            stmts.append(.line("request.upload = body"))
            document("body", "", "The bytes sent, streamed from memory or a file, with progress.")
        }
        return (params, stmts, "NXClientCore.repositoryPrefix(repository) + \"" + pathParts.joined() + "\"", docs)
    }

    /// Adds query parameter `p` (read from `owner` + its name) to `request` (or to the list `into`) when present.
    static func queryStatement(_ p: ParamDef, _ types: TypeMapping, owner: String, into list: String = "request.query") -> SwiftStmt {
        let name = Naming.identifier(p.name)
        let key = Naming.literal(p.name)
        // A shared value holds a declared default itself: the member is not optional and is always sent.
        let always = !owner.isEmpty && p.defaultValue != nil
        let source = always ? owner + name : name
        let value: String
        switch p.type {
        case .list(let element):
            value = types.isEnum(element) ? "\(source).map(\\.rawValue).joined(separator: \",\")" : "\(source).joined(separator: \",\")"
        case .named where types.isEnum(p.type): value = "\(source).rawValue"
        case .string: value = source
        default: value = "String(\(source))"
        }
        if always { return .line("\(list).append((\(key), \(value)))") }
        return .block(bind(name, owner), [.line("\(list).append((\(key), \(value)))")])
    }

    /// `if let name {`, or `if let name = self.name {` for a member.
    static func bind(_ name: String, _ owner: String) -> String {
        owner.isEmpty ? "if let \(name) {" : "if let \(name) = \(owner)\(name) {"
    }

    /// Adds header `h` (read from `owner` + its name) to `request` when present.
    static func headerStatement(_ h: HeaderDef, owner: String) -> SwiftStmt {
        let name = Naming.identifier(h.name)
        let key = Naming.literal(h.name)
        if h.list {
            return .block("if !\(owner)\(name).isEmpty {", [.line("request.headers.append((\(key), \(owner)\(name).joined(separator: \",\")))")])
        }
        let value = h.type == nil ? name : "\(name).rawValue"
        return .block(bind(name, owner), [.line("request.headers.append((\(key), \(value)))")])
    }

    static func method(_ e: EndpointDef, _ model: SpecModel, _ types: TypeMapping) -> SwiftDecl {
        let (params, stmts, path, parameterDocs) = parts(e, model, types)
        let success = e.success
        let entity = success?.entity.flatMap(model.entity)
        var body: [SwiftStmt] = [.line("var request = NXHTTPRequest(method: \(Naming.literal(e.method)), path: \(path))")] + stmts
        let returns: String
        if let entity, let success {
            returns = " -> \(entity.swiftName)"
            body.append(.line("return try await core.send(request, expecting: \(success.status), as: \(entity.swiftName).self)"))
        } else if let success, success.kind == .json {
            returns = " -> JSONValue"
            body.append(.line("return try await core.sendJSON(request, expecting: \(success.status))"))
        } else if let success, success.kind == .any {
            returns = " -> NXRawResponse"
            body.append(.line("return try await core.sendRaw(request)"))
        } else {
            returns = ""
            body.append(.line("try await core.sendEmpty(request, expecting: \(success?.status ?? 200))"))
        }
        if stmts.isEmpty { body[0] = .line("let request = NXHTTPRequest(method: \(Naming.literal(e.method)), path: \(path))") }
        let errors = e.responses.filter { $0.status >= 400 }.map { String($0.status) }
        let throwsDoc = "- Throws: `NXClientError`" + (errors.isEmpty ? "." : " (the spec lists \(errors.joined(separator: ", ")); "
            + "the named cases carry the server's exception entity).")
        return .function(docs: [e.summary.isEmpty ? "`\(e.method) \(e.path)`" : e.summary, "", "`\(e.method) \(e.path)` — generated from \(e.origin)",
                                "", "- Parameters:"] + parameterDocs + [throwsDoc],
                         signature: "public func \(Naming.identifier(e.id))(\(params.joined(separator: ", "))) async throws(NXClientError)\(returns)", body: body)
    }

    static func pagesMethod(_ e: EndpointDef, _ model: SpecModel, _ types: TypeMapping) -> SwiftDecl {
        let (params, _, _, _) = parts(e, model, types, skipping: ["currentPageIndex", "offset"])
        let (allParams, _, _, _) = parts(e, model, types)
        let entity = e.success?.entity.flatMap(model.entity)?.swiftName ?? "Never"
        let args = allParams.compactMap { param -> String? in
            let label = String(param.split(separator: ":")[0])
            if label.hasPrefix("_ ") { return String(label.dropFirst(2)) }
            if label == "currentPageIndex" { return "currentPageIndex: index" }
            if label == "offset" { return nil }
            if let set = e.paramSets.compactMap(model.paramSet).first(where: { Naming.identifier($0.name) == label }),
               set.params.contains(where: { $0.name == "currentPageIndex" }) {
                return "\(label): \(label).page(index)"
            }
            return "\(label): \(label)"
        }
        return .function(
            docs: ["Every entry of every page of `\(e.method) \(e.path)`, fetched as iterated."],
            signature: "public func \(Naming.lowerCamel(e.id))Pages(\(params.joined(separator: ", "))) -> NXPageSequence<\(entity)>",
            body: [.block("NXPageSequence(startIndex: 0) { index in", [
                .line("try await self.\(Naming.identifier(e.id))(\(args.joined(separator: ", ")))")
            ])])
    }
}

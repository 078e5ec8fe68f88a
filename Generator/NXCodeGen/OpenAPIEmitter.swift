import Foundation
import NXSpec

/// Emits `openapi.yaml` (OpenAPI 3.1): every route (document references expanded to `/id/{docId}` and
/// `/path/{docPath}`) with the responses the server can give, and every entity, object and enum as a schema.
/// The document is built as a typed value (`OpenAPIDocument`, see `document(_:)`) and serialised by `yaml()`.
///
/// Besides the responses an endpoint declares, every operation documents the errors the server's shared layers
/// answer with the `exception` entity (see `implicitErrors`): 401 from the authentication middleware, 400 from the
/// generated input decoding, 413 from the body reader.
enum OpenAPIEmitter {
    typealias Schema = OpenAPIDocument.Schema
    typealias OrderedMap = OpenAPIDocument.OrderedMap
    typealias Operation = OpenAPIDocument.Operation
    typealias Parameter = OpenAPIDocument.Parameter
    typealias RequestBody = OpenAPIDocument.RequestBody
    typealias Response = OpenAPIDocument.Response
    typealias MediaType = OpenAPIDocument.MediaType

    static func emit(_ model: SpecModel) -> [GeneratedFile] {
        let contents: String
        do {
            contents = try document(model).yaml()
        } catch {
            // Yams fails only on an emitter error; the file then says so, and `nxgen check` and the tests fail on it.
            contents = "# nxgen could not serialise the OpenAPI document: \(error)\n"
        }
        return [GeneratedFile(path: "openapi.yaml", contents: contents)]
    }

    /// The OpenAPI document of `model`.
    static func document(_ model: SpecModel) -> OpenAPIDocument {
        var paths: [String: [(String, EndpointDef)]] = [:]
        for e in model.endpoints {
            for path in expand(e) { paths[path, default: []].append((e.method.lowercased(), e)) }
        }
        let schemas = OpenAPISchemas(model: model)
        let pathItems = paths.sorted { $0.key < $1.key }.map { path, operations in
            (key: path, value: OpenAPIDocument.PathItem(operations: OrderedMap(operations.sorted { $0.0 < $1.0 }.map {
                (key: $0.0, value: operation($0.1, path: path, schemas))
            })))
        }
        return OpenAPIDocument(
            info: .init(title: model.api.title, version: model.api.version,
                        description: "Strings never hold U+0000: the server answers 400 to a NUL anywhere in a path, query or body."),
            servers: model.api.basePaths.map { .init(url: $0) },
            security: [["basic": []]],
            paths: OrderedMap(pathItems),
            components: .init(securitySchemes: ["basic": .init(scheme: "basic")], schemas: schemas.components()))
    }

    static func expand(_ e: EndpointDef) -> [String] {
        guard e.path.contains("{doc}") else { return [e.path] }
        return [e.path.replacingOccurrences(of: "{doc}", with: "/id/{docId}"),
                e.path.replacingOccurrences(of: "{doc}", with: "/path/{docPath}")]
    }

    static func operation(_ e: EndpointDef, path: String, _ schemas: OpenAPISchemas) -> Operation {
        // A summary is one line: a folded YAML scalar of the spec may end in a newline.
        Operation(operationId: e.id + (path.hasPrefix("/path") ? "ByPath" : ""),
                  summary: e.summary.trimmingCharacters(in: .whitespacesAndNewlines),
                  parameters: parameters(e, path: path, schemas), requestBody: requestBody(e, schemas),
                  responses: responses(e, schemas))
    }

    static func parameters(_ e: EndpointDef, path: String, _ schemas: OpenAPISchemas) -> [Parameter] {
        var result: [Parameter] = []
        for name in PathTemplate.parameterNames(path) {
            let param = e.params.first { $0.name == name }
            var schema = Schema(.string)
            schema.minLength = 1
            schema.pattern = param?.pattern
            result.append(parameter(name, in: .path, required: true, description: param?.description ?? "", schema: schema))
        }
        for p in e.params where p.location == .query {
            result.append(parameter(p.name, in: .query, required: p.required, description: p.description, schema: queryParamSchema(p, schemas)))
        }
        for h in e.headers.compactMap(schemas.model.header) {
            result.append(parameter(h.name, in: .header, required: false, description: h.description, schema: schemas.headerSchema(h)))
        }
        return result
    }

    /// A query parameter's schema, with its format and pattern (on each item of a list). The server reads an empty
    /// value as an absent one (as JAX-RS does), so a required parameter must not be empty and an optional one (or a
    /// list item) may be empty whatever its type.
    static func queryParamSchema(_ p: ParamDef, _ schemas: OpenAPISchemas) -> Schema {
        func value(_ type: TypeRef) -> Schema {
            var schema = schemas.schema(type)
            if p.required, type == .string { schema.minLength = 1 }
            if let format = p.format { schema.format = format }
            if let pattern = p.pattern { schema.pattern = pattern }
            var anyString = type == .string
            if case .named(let name) = type, schemas.model.enumDef(name)?.lenient == true { anyString = true }
            let constrained = !anyString || p.format != nil || p.pattern != nil
            guard !p.required, constrained else { return schema }
            var empty = Schema(.string)
            empty.maxLength = 0
            var either = Schema()
            either.anyOf = [schema, empty]
            return either
        }
        guard case .list(let element) = p.type else { return value(p.type) }
        var list = Schema(.array)
        list.items = value(element)
        return list
    }

    static func parameter(_ name: String, in location: Parameter.Location, required: Bool, description: String, schema: Schema) -> Parameter {
        Parameter(name: name, location: location, description: description.isEmpty ? nil : description, required: required, schema: schema)
    }

    static func requestBody(_ e: EndpointDef, _ schemas: OpenAPISchemas) -> RequestBody? {
        var schema: Schema
        if let body = e.body, schemas.model.entity(body) != nil {
            schema = .ref(body + "Input")
        } else if e.jsonBody {
            schema = e.jsonBodyType.map { schemas.schema($0) } ?? Schema()
        } else if e.binaryBody {
            var bytes = Schema(types: [.string])
            bytes.format = "binary"
            var content: OrderedMap<MediaType> = [:]
            for type in e.binaryContentTypes.isEmpty ? ["application/octet-stream"] : e.binaryContentTypes {
                if type.hasPrefix("application/json") {
                    content[type] = MediaType(schema: Schema(types: [.object]))
                } else if type.hasPrefix("multipart/") {
                    var form = Schema(types: [.object])
                    form.properties = ["file": bytes]
                    form.required = ["file"]
                    content[type] = MediaType(schema: form)
                } else {
                    content[type] = MediaType(schema: bytes)
                }
            }
            return RequestBody(required: !e.binaryContentTypes.isEmpty, content: content)
        } else if e.params.contains(where: { $0.location == .form }) {
            var form = Schema(types: [.object])
            var properties: OrderedMap<Schema> = [:]
            for p in e.params where p.location == .form {
                var property = queryParamSchema(p, schemas)
                if !p.description.isEmpty { property.description = p.description }
                properties[p.name] = property
            }
            form.properties = properties
            let required = e.params.filter { $0.location == .form && $0.required }.map(\.name)
            if !required.isEmpty { form.required = required }
            return RequestBody(required: !required.isEmpty, content: ["application/x-www-form-urlencoded": MediaType(schema: form)])
        } else {
            return nil
        }
        var parts = [schema]
        if !e.bodyRequired.isEmpty {
            var required = Schema()
            required.required = e.bodyRequired
            parts.append(required)
        }
        if let extra = e.bodySchema { parts.append(Schema(openAPI30: extra)) }
        if parts.count > 1 {
            schema = Schema()
            schema.allOf = parts
        }
        return RequestBody(required: e.body != nil || !e.bodyRequired.isEmpty || e.bodySchema != nil,
                           content: ["application/json": MediaType(schema: schema)])
    }

    static func responses(_ e: EndpointDef, _ schemas: OpenAPISchemas) -> [(status: Int, response: Response)] {
        var result: [(status: Int, response: Response)] = e.responses.map { r in
            switch r.kind {
            case .entity(let entity):
                return (r.status, content(entity, "application/json", .ref(entity)))
            case .json:
                return (r.status, content(r.jsonType.map { "JSON \($0)" } ?? "any JSON", "application/json",
                                          r.jsonType.map { schemas.schema($0) } ?? Schema()))
            case .any:
                return (r.status, content("a body the server chooses", "*/*", Schema()))
            case .empty:
                return (r.status, Response(description: "no content"))
            }
        }
        for (status, reason) in implicitErrors(e) where !result.contains(where: { $0.status == status }) {
            // The `exception` entity's schema (any JSON for a spec that does not declare it, as the golden one).
            var response = content(reason, "application/json", schemas.model.entity("exception") != nil ? .ref("exception") : Schema())
            if let header = implicitHeader(status) {
                response.headers[header.name] = OpenAPIDocument.Header(description: header.description, schema: Schema(header.type))
            }
            result.append((status, response))
        }
        return result.sorted { $0.status < $1.status }
    }

    /// Errors every operation of this shape can answer, whatever its handler does: 400 from the dispatcher (a NUL
    /// in the path or query) and the generated decoding, 401 and 429 from the authentication middleware (no or wrong
    /// credentials; too many failed logins from the client or for the user), 413 from the body reader.
    static func implicitErrors(_ e: EndpointDef) -> [(Int, String)] {
        var errors = [(400, "malformed request (exception)"), (401, "not authenticated (exception)"),
                      (429, "too many failed logins (exception)")]
        if e.body != nil || e.jsonBody || e.binaryBody { errors.append((413, "request body too large (exception)")) }
        return errors
    }

    /// The header an implicit error carries.
    static func implicitHeader(_ status: Int) -> (name: String, description: String, type: Schema.JSONType)? {
        switch status {
        case 401: return ("WWW-Authenticate", "The Basic challenge (left out when the client sent a token or X-No-Basic-Header).", .string)
        case 429: return ("Retry-After", "Seconds until the client or user may try to log in again.", .integer)
        default: return nil
        }
    }

    static func content(_ description: String, _ mediaType: String, _ schema: Schema) -> Response {
        Response(description: description, content: [mediaType: MediaType(schema: schema)])
    }
}

extension SpecParser {
    static let endpointKeys = ["id", "summary", "method", "path", "include", "params", "headers", "body", "responses"]
    static let methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]

    static func parseEndpoints(_ node: SpecNode, group: String, adapters: Bool, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let items = node.items else {
            d.error(.wrongNodeKind, "\(adapters ? "adapters" : "endpoints") must be a sequence, found \(node.kindName)", at: node.location)
            return
        }
        for item in items {
            let allowed = adapters ? endpointKeys.filter { $0 != "path" } + ["adapter"] : endpointKeys
            let required = adapters ? ["id", "method", "adapter", "responses"] : ["id", "method", "path", "responses"]
            guard let f = item.fields(adapters ? "an adapter" : "an endpoint", allowed: allowed, required: required, d: &d),
                  let idNode = f["id"], let id = idNode.string("id", &d)
            else { continue }
            checkName(id, "endpoint id", at: idNode.location, &d)
            var method = "GET"
            if let m = f["method"], let text = m.string("method", &d) {
                if methods.contains(text) { method = text } else {
                    d.unknown(.invalidMethod, kind: "HTTP method", name: text, candidates: methods, at: m.location)
                }
            }
            var path = f["path"]?.string("path", &d) ?? ""
            var adapter: String?
            var params: [ParamDef] = []
            if adapters, let a = f["adapter"], let name = a.string("adapter", &d) {
                adapter = name
                path = "{doc}/@\(name)"
                params.append(ParamDef(name: "doc", location: .path, type: .docRef, required: true, defaultValue: nil,
                                       description: "The adapted document.", sourceLocation: a.location))
            }
            if let p = f["params"] { params += parseParams(p, into: &raw, &d) }
            let includes = f["include"]?.strings("include", &d) ?? []
            raw.paramSetRefs += includes.map { (id, $0.0, $0.1) }
            let headers = f["headers"]?.strings("headers", &d) ?? []
            raw.headerRefs += headers
            var body: String?
            var jsonBody = false
            var jsonBodyType: TypeRef?
            var bodyRequired: [String] = []
            var bodySchema: SpecJSON?
            var binaryBody = false
            var binaryContentTypes: [String] = []
            if let b = f["body"], let bf = b.fields("body", allowed: ["entity", "json", "binary", "contentTypes", "type", "required", "schema"], d: &d) {
                if let e = bf["entity"], let entity = e.string("body entity", &d) {
                    body = entity
                    raw.entityRefs.append((entity, e.location))
                }
                jsonBody = bf["json"]?.bool("json", &d) ?? false
                binaryBody = bf["binary"]?.bool("binary", &d) ?? false
                if let c = bf["contentTypes"] {
                    binaryContentTypes = c.strings("contentTypes", &d).map(\.0)
                    if !binaryBody { d.error(.conflictingKeys, "body 'contentTypes' documents a 'binary: true' body", at: c.location) }
                }
                if [body != nil, jsonBody, binaryBody].filter({ $0 }).count > 1 {
                    d.error(.conflictingKeys, "body takes one of 'entity', 'json: true' or 'binary: true'", at: b.location)
                } else if bf["entity"] == nil && bf["json"] == nil && bf["binary"] == nil {
                    d.error(.missingKey, "body needs 'entity', 'json: true' or 'binary: true'", at: b.location)
                }
                if let t = bf["type"], let text = t.string("type", &d) {
                    jsonBodyType = parseType(text).0
                    raw.typeRefs.append((jsonBodyType!, t.location))
                    if !jsonBody { d.error(.conflictingKeys, "body 'type' describes a 'json: true' body", at: t.location) }
                }
                if let s = bf["schema"] {
                    bodySchema = json(s)
                    if s.pairs == nil { d.error(.wrongNodeKind, "body schema must be a mapping, found \(s.kindName)", at: s.location) }
                }
                if let r = bf["required"] {
                    let names = r.strings("required", &d)
                    bodyRequired = names.map(\.0)
                    var typeName = body
                    if body == nil, case .named(let name)? = jsonBodyType { typeName = name }
                    if let typeName { raw.bodyRequiredRefs += names.map { (typeName, $0.0, $0.1) } } else {
                        d.error(.conflictingKeys, "body 'required' lists fields of an entity or named object body", at: r.location)
                    }
                }
            }
            let responses = f["responses"].map { parseResponses($0, into: &raw, &d) } ?? []
            checkPath(path, params: params, at: f.keyLocations["path"] ?? idNode.location, &d)
            // Form fields are the body: only on a method with one, and never beside another body.
            for param in params where param.location == .form {
                if method != "POST" && method != "PUT" {
                    d.error(.invalidValue, "form parameter '\(param.name)' needs a POST or PUT endpoint, not \(method)", at: param.sourceLocation)
                } else if body != nil || jsonBody || binaryBody {
                    d.error(.conflictingKeys, "form parameter '\(param.name)' is the body: the endpoint declares another body", at: param.sourceLocation)
                }
            }
            var endpoint = EndpointDef(
                id: id, summary: f["summary"]?.string("summary", &d) ?? "", method: method, path: path, adapter: adapter,
                params: params, headers: headers.map(\.0), body: body, jsonBody: jsonBody, jsonBodyType: jsonBodyType,
                bodyRequired: bodyRequired, bodySchema: bodySchema, responses: responses, group: group, origin: origin(node.file, id, idNode.location))
            endpoint.binaryBody = binaryBody
            endpoint.binaryContentTypes = binaryContentTypes
            raw.endpoints.append(endpoint)
        }
    }

    static func parseParams(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) -> [ParamDef] {
        guard let pairs = node.pairs else {
            d.error(.wrongNodeKind, "params must be a mapping, found \(node.kindName)", at: node.location)
            return []
        }
        var result: [ParamDef] = []
        for (key, value) in pairs {
            guard let name = key.string("a parameter name", &d),
                  let f = value.fields("parameter '\(name)'", allowed: ["in", "type", "required", "default", "description", "format", "pattern"],
                                       required: ["in", "type"], d: &d)
            else { continue }
            var location = ParamLocation.query
            if let i = f["in"], let text = i.string("in", &d) {
                if let l = ParamLocation(rawValue: text) { location = l } else {
                    d.unknown(.invalidValue, kind: "parameter location", name: text, candidates: ["path", "query", "form"], at: i.location)
                }
            }
            var type = TypeRef.string
            if let t = f["type"], let text = t.string("type", &d) {
                type = parseType(text).0
                raw.typeRefs.append((type, t.location))
            }
            var param = ParamDef(
                name: name, location: location, type: type, required: f["required"]?.bool("required", &d) ?? (location == .path),
                defaultValue: f["default"]?.string("default", &d), description: f["description"]?.string("description", &d) ?? "",
                sourceLocation: key.location)
            param.format = f["format"]?.string("format", &d)
            param.pattern = f["pattern"]?.string("pattern", &d)
            if (param.format != nil || param.pattern != nil) && type != .string && type != .list(.string) {
                d.error(.invalidValue, "format and pattern apply to string parameters", at: key.location)
            }
            result.append(param)
        }
        return result
    }

    static func parseResponses(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) -> [ResponseDef] {
        guard let pairs = node.pairs else {
            d.error(.wrongNodeKind, "responses must be a mapping, found \(node.kindName)", at: node.location)
            return []
        }
        var result: [ResponseDef] = []
        for (key, value) in pairs {
            guard let text = key.string("a status", &d) else { continue }
            guard let status = Int(text), (100...599).contains(status) else {
                d.error(.invalidStatus, "invalid HTTP status '\(text)'", at: key.location)
                continue
            }
            guard let f = value.fields("response \(status)", allowed: ["entity", "json", "any", "empty", "paged", "type"], d: &d) else { continue }
            var kinds: [(String, ResponseKind)] = []
            if let e = f["entity"], let name = e.string("entity", &d) {
                kinds.append(("entity", .entity(name)))
                raw.entityRefs.append((name, e.location))
            }
            if f["json"]?.bool("json", &d) == true { kinds.append(("json", .json)) }
            if f["any"]?.bool("any", &d) == true { kinds.append(("any", .any)) }
            if f["empty"]?.bool("empty", &d) == true { kinds.append(("empty", .empty)) }
            if kinds.isEmpty {
                d.error(.missingKey, "response \(status) needs 'entity' or 'empty: true'", at: value.location)
            } else if kinds.count > 1 {
                d.error(.conflictingKeys, "response \(status) takes one of 'entity', 'json', 'any' and 'empty'; found "
                        + kinds.map { "'\($0.0)'" }.joined(separator: ", "), at: value.location)
            }
            var jsonType: TypeRef?
            if let t = f["type"], let text = t.string("type", &d) {
                jsonType = parseType(text).0
                raw.typeRefs.append((jsonType!, t.location))
                if kinds.first?.1 != .json { d.error(.conflictingKeys, "response \(status): 'type' describes a 'json: true' body", at: t.location) }
            }
            result.append(ResponseDef(status: status, kind: kinds.first?.1 ?? .empty, paged: f["paged"]?.bool("paged", &d) ?? false,
                                      jsonType: jsonType, location: key.location))
        }
        let anys = result.filter { $0.kind == .any }
        for extra in anys.dropFirst() {
            d.error(.conflictingKeys, "only one response may be 'any: true' (response \(anys[0].status) already is)", at: extra.location)
        }
        if let any = anys.first {
            // Another success must be told apart by its status and entity (`202` + `conversionScheduled` beside a download).
            for other in result where other.status != any.status && (200..<300).contains(other.status) {
                if case .entity = other.kind { continue }
                d.error(.conflictingKeys, "response \(other.status) conflicts with 'any' response \(any.status): beside an 'any' response, other "
                        + "successes must be entities", at: other.location)
            }
        }
        return result.sorted { $0.status < $1.status }
    }

    /// Every `{name}` of the path must be a path parameter and every path parameter must appear.
    static func checkPath(_ path: String, params: [ParamDef], at location: SourceLocation, _ d: inout Diagnostics) {
        let names = PathTemplate.parameterNames(path)
        for name in names where !params.contains(where: { $0.name == name && $0.location == .path }) {
            d.error(.pathParameter, "path '\(path)' uses '{\(name)}' but declares no path parameter '\(name)'", at: location)
        }
        for param in params where param.location == .path && !names.contains(param.name) {
            d.error(.pathParameter, "path parameter '\(param.name)' does not appear in path '\(path)'", at: param.sourceLocation)
        }
        for param in params where (param.type == .docRef || param.type == .xpath) && param.location != .path {
            d.error(.invalidValue, "docRef parameter '\(param.name)' must be a path parameter", at: param.sourceLocation)
        }
    }
}

/// Path templates: `/user/{name}`, `{doc}/@children`.
public enum PathTemplate {
    /// Names of the `{…}` segments, in order.
    public static func parameterNames(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }
}

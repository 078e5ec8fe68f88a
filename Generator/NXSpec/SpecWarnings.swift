/// Checks of a compiled spec that do not stop generation: definitions nothing uses, endpoints no
/// conformance scenario exercises. Each is a warning with a stable code and the definition's location.
public enum SpecWarnings {
    /// Every warning for `model`, sorted by location.
    public static func check(_ model: SpecModel) -> [Diagnostic] {
        (unusedEntities(model) + endpointsWithoutScenario(model) + operationsWithoutScenario(model)).sorted()
    }

    /// Entities that no endpoint (body, response, parameter), entity or object field, list entity,
    /// operation signature or enricher refers to.
    public static func unusedEntities(_ model: SpecModel) -> [Diagnostic] {
        var used = Set<String>()
        func use(_ type: TypeRef?) { used.formUnion(type?.referencedNames ?? []) }
        for endpoint in model.endpoints {
            if let body = endpoint.body { used.insert(body) }
            use(endpoint.jsonBodyType)
            for param in endpoint.params { use(param.type) }
            for response in endpoint.responses {
                if let entity = response.entity { used.insert(entity) }
                use(response.jsonType)
            }
        }
        for entity in model.entities {
            for field in entity.fields + entity.objects.flatMap(\.fields) { use(field.type) }
            if let entries = entity.entries { used.insert(entries) }
        }
        for operation in model.operations {
            for signature in operation.signature { used.formUnion([signature.input, signature.output]) }
        }
        for enricher in model.enrichers { used.insert(enricher.entity) }
        return model.entities.filter { !used.contains($0.name) }.map {
            Diagnostic(.unusedEntity, "entity '\($0.name)' is not used by any endpoint, entity, operation or enricher",
                       at: $0.origin.location, severity: .warning)
        }
    }

    /// Endpoints whose method and path template no conformance scenario step matches.
    public static func endpointsWithoutScenario(_ model: SpecModel) -> [Diagnostic] {
        let steps = model.scenarios.flatMap(\.steps).map { (method: $0.method, path: RouteTemplate.normalizedStepPath($0.path)) }
        return model.endpoints.compactMap { endpoint in
            let template = RouteTemplate(endpoint)
            if steps.contains(where: { $0.method == endpoint.method && template.matches($0.path) }) { return nil }
            return Diagnostic(.endpointWithoutScenario,
                              "endpoint '\(endpoint.id)' (\(endpoint.method) \(endpoint.path)) is not exercised by any conformance scenario",
                              at: endpoint.origin.location, severity: .warning)
        }
    }
}

extension SpecWarnings {
    /// Operations that no conformance scenario step calls: the last segment of a step path after `automation/`, `@op/`
    /// or `execute/`, or an `id` value in a step body (RunOperation…), names the operation or an alias.
    public static func operationsWithoutScenario(_ model: SpecModel) -> [Diagnostic] {
        var called = Set<String>()
        for step in model.scenarios.flatMap(\.steps) {
            let segments = step.path.prefix { $0 != "?" }.split(separator: "/").map(String.init)
            for (index, segment) in segments.enumerated() where ["automation", "@op", "execute"].contains(segment) {
                if index + 1 < segments.count { called.insert(segments[index + 1]) }
            }
            if let body = step.body { collectIds(body, into: &called) }
        }
        return model.operations.compactMap { op in
            if ([op.id] + op.aliases).contains(where: called.contains) { return nil }
            return Diagnostic(.operationWithoutScenario, "operation '\(op.id)' is not called by any conformance scenario",
                              at: op.origin.location, severity: .warning)
        }
    }

    static func collectIds(_ value: SpecJSON, into ids: inout Set<String>) {
        switch value {
        case .object(let pairs):
            for pair in pairs {
                if pair.key == "id", case .string(let id) = pair.value { ids.insert(id) }
                collectIds(pair.value, into: &ids)
            }
        case .array(let items): for item in items { collectIds(item, into: &ids) }
        default: break
        }
    }
}

/// An endpoint's path template as a matcher of concrete request paths: `{name}` is one segment, a
/// `docRef` parameter is `/id/<id>` or `/path/<segments>`, and an optional `/repo/<name>` may lead.
struct RouteTemplate {
    /// Literal segments and placeholders, in order.
    enum Part: Equatable {
        case literal(String)
        case segment
        case docRef
        case xpath
    }

    let parts: [Part]

    init(_ endpoint: EndpointDef) {
        let docRefs = Set(endpoint.params.filter { $0.type == .docRef }.map(\.name))
        let xpaths = Set(endpoint.params.filter { $0.type == .xpath }.map(\.name))
        parts = endpoint.path.split(separator: "/").map { piece in
            guard piece.hasPrefix("{"), piece.hasSuffix("}") else { return .literal(String(piece)) }
            let name = String(piece.dropFirst().dropLast())
            return docRefs.contains(name) ? .docRef : xpaths.contains(name) ? .xpath : .segment
        }
    }

    /// A step path without its query, with each `{{capture}}` made a segment of its own.
    static func normalizedStepPath(_ path: String) -> [String] {
        var text = String(path.prefix { $0 != "?" && $0 != "#" })
        while let open = text.range(of: "{{"), let close = text.range(of: "}}", range: open.upperBound..<text.endIndex) {
            text.replaceSubrange(open.lowerBound..<close.upperBound, with: "/\u{1}/")
        }
        return text.split(separator: "/").map(String.init)
    }

    /// True when the segments of a request path fit the template.
    func matches(_ segments: [String]) -> Bool {
        if match(parts[...], segments[...]) { return true }
        if segments.count >= 2, segments[0] == "repo" { return match(parts[...], segments.dropFirst(2)) }
        return false
    }

    private func match(_ parts: ArraySlice<Part>, _ segments: ArraySlice<String>) -> Bool {
        guard let part = parts.first else { return segments.isEmpty }
        switch part {
        case .literal(let text):
            guard let first = segments.first, first == text || first == "\u{1}" else { return false }
            return match(parts.dropFirst(), segments.dropFirst())
        case .segment:
            guard let first = segments.first, !first.hasPrefix("@") || first == "\u{1}" else { return false }
            return match(parts.dropFirst(), segments.dropFirst())
        case .docRef:
            guard let first = segments.first else { return false }
            if first == "id" || first == "\u{1}" {
                if first == "id", segments.count >= 2, match(parts.dropFirst(), segments.dropFirst(2)) { return true }
                if first == "\u{1}", match(parts.dropFirst(), segments.dropFirst()) { return true }
            }
            guard first == "path" else { return false }
            // `/path` then any number of document path segments (not adapters), then the rest.
            var rest = segments.dropFirst()
            while true {
                if match(parts.dropFirst(), rest) { return true }
                guard let next = rest.first, !next.hasPrefix("@") else { return false }
                rest = rest.dropFirst()
            }
        case .xpath:
            // One or more segments, none an adapter, then the rest.
            guard let first = segments.first, !first.hasPrefix("@") || first == "\u{1}" else { return false }
            var rest = segments.dropFirst()
            while true {
                if match(parts.dropFirst(), rest) { return true }
                guard let next = rest.first, !next.hasPrefix("@") else { return false }
                rest = rest.dropFirst()
            }
        }
    }
}

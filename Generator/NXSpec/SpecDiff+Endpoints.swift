extension SpecDiff {
    /// Endpoints matched by id (an id that disappears while another appears with the same method and
    /// path is a rename): removed, moved, parameters, headers, body, responses.
    static func compareEndpoints(_ old: [EndpointDef], _ new: [EndpointDef], into changes: inout [SpecChange]) {
        var (removed, kept, added) = match(old, new, by: \.id)
        for gone in removed {
            if let index = added.firstIndex(where: { $0.method == gone.method && shape($0.path) == shape(gone.path) }) {
                let renamed = added.remove(at: index)
                changes.append(SpecChange(.compatibleWithNote, .endpointRenamed,
                                          "endpoint '\(gone.id)' (\(gone.method) \(gone.path)) is now '\(renamed.id)'; generated client method names change",
                                          at: renamed.origin.location, side: .new))
                kept.append((gone, renamed))
                continue
            }
            changes.append(SpecChange(.breaking, .endpointRemoved, "endpoint '\(gone.id)' (\(gone.method) \(gone.path)) removed",
                                      at: gone.origin.location, side: .old))
        }
        for endpoint in added {
            changes.append(SpecChange(.compatible, .endpointAdded, "endpoint '\(endpoint.id)' (\(endpoint.method) \(endpoint.path)) added",
                                      at: endpoint.origin.location, side: .new))
        }
        for (before, after) in kept { compareEndpoint(before, after, into: &changes) }
    }

    /// `/user/{name}` → `/user/{}`: parameter names do not matter on the wire.
    static func shape(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { $0.hasPrefix("{") ? "{}" : String($0) }.joined(separator: "/")
    }

    static func compareEndpoint(_ before: EndpointDef, _ after: EndpointDef, into changes: inout [SpecChange]) {
        let name = "endpoint '\(after.id)'"
        let at = after.origin.location
        if before.method != after.method {
            changes.append(SpecChange(.breaking, .methodChanged, "\(name): method \(before.method) → \(after.method)", at: at, side: .new))
        }
        if shape(before.path) != shape(after.path) {
            changes.append(SpecChange(.breaking, .pathChanged, "\(name): path \(before.path) → \(after.path)", at: at, side: .new))
        }
        compareParams(before.params, after.params, of: name, at: at, into: &changes)
        let (goneHeaders, _, newHeaders) = match(before.headers, after.headers) { $0 }
        for header in goneHeaders {
            changes.append(SpecChange(.breaking, .headerRemoved, "\(name): header '\(header)' no longer accepted", at: before.origin.location, side: .old))
        }
        for header in newHeaders {
            changes.append(SpecChange(.compatible, .headerAdded, "\(name): header '\(header)' accepted", at: at, side: .new))
        }
        compareBody(before, after, of: name, into: &changes)
        compareResponses(before, after, of: name, into: &changes)
    }

    static func compareParams(_ before: [ParamDef], _ after: [ParamDef], of name: String, at: SourceLocation, into changes: inout [SpecChange]) {
        let (removed, kept, added) = match(before, after, by: \.name)
        for param in removed {
            changes.append(SpecChange(.breaking, .parameterRemoved, "\(name): parameter '\(param.name)' removed", at: param.sourceLocation, side: .old))
        }
        for param in added {
            if param.required {
                changes.append(SpecChange(.breaking, .parameterAdded, "\(name): new required parameter '\(param.name)'", at: param.sourceLocation, side: .new))
            } else {
                changes.append(SpecChange(.compatible, .parameterAdded, "\(name): new optional parameter '\(param.name)'", at: param.sourceLocation, side: .new))
            }
        }
        for (old, new) in kept {
            let place = new.sourceLocation
            if old.location != new.location {
                changes.append(SpecChange(.breaking, .parameterMoved, "\(name): parameter '\(new.name)' moved from \(old.location.rawValue) to \(new.location.rawValue)",
                                          at: place, side: .new))
            }
            if old.type != new.type {
                changes.append(SpecChange(.breaking, .typeChanged, "\(name): parameter '\(new.name)' type \(old.type) → \(new.type)", at: place, side: .new))
            }
            if !old.required && new.required {
                changes.append(SpecChange(.breaking, .parameterMadeRequired, "\(name): parameter '\(new.name)' made required", at: place, side: .new))
            } else if old.required && !new.required {
                changes.append(SpecChange(.compatible, .parameterMadeOptional, "\(name): parameter '\(new.name)' made optional", at: place, side: .new))
            }
        }
    }

    static func compareBody(_ before: EndpointDef, _ after: EndpointDef, of name: String, into changes: inout [SpecChange]) {
        let at = after.origin.location
        func describe(_ e: EndpointDef) -> String {
            if let body = e.body { return "entity '\(body)'" }
            if e.jsonBody { return "JSON \(e.jsonBodyType.map { "\($0)" } ?? "value")" }
            if e.binaryBody { return "binary" }
            return "none"
        }
        let old = describe(before), new = describe(after)
        if old != new {
            let impact: SpecChangeImpact = new == "none" ? .compatibleWithNote : .breaking
            changes.append(SpecChange(impact, .bodyChanged, "\(name): request body \(old) → \(new)", at: at, side: .new))
        }
        for field in after.bodyRequired.filter({ !before.bodyRequired.contains($0) }).sorted() {
            changes.append(SpecChange(.breaking, .bodyFieldMadeRequired, "\(name): request body field '\(field)' made required", at: at, side: .new))
        }
    }

    static func compareResponses(_ before: EndpointDef, _ after: EndpointDef, of name: String, into changes: inout [SpecChange]) {
        let (removed, kept, added) = match(before.responses, after.responses, by: \.status)
        for response in removed {
            changes.append(SpecChange(.breaking, .statusRemoved, "\(name): status \(response.status) removed", at: response.location, side: .old))
        }
        for response in added {
            changes.append(SpecChange(.compatible, .statusAdded, "\(name): status \(response.status) added", at: response.location, side: .new))
        }
        func describe(_ r: ResponseDef) -> String {
            let body: String
            switch r.kind {
            case .entity(let entity): body = "entity '\(entity)'"
            case .json: body = "JSON \(r.jsonType.map { "\($0)" } ?? "value")"
            case .any: body = "any body"
            case .empty: body = "no body"
            }
            return r.paged ? "\(body) (paged)" : body
        }
        for (old, new) in kept where describe(old) != describe(new) {
            changes.append(SpecChange(.breaking, .responseChanged, "\(name): status \(new.status) answers \(describe(old)) → \(describe(new))",
                                      at: new.location, side: .new))
        }
    }
}

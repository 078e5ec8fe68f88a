extension SpecParser {
    static func parseAPI(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let f = node.fields("api", allowed: ["title", "version", "basePaths", "pathAliases", "repository", "auth"],
                                  required: ["title", "basePaths"], d: &d) else { return }
        var info = APIInfo(title: f["title"]?.string("api.title", &d) ?? "", version: f["version"]?.string("api.version", &d) ?? "1",
                           basePaths: f["basePaths"]?.strings("api.basePaths", &d).map(\.0) ?? [],
                           repositoryPrefix: "/repo/{repo}", repositoryHeader: "X-NXRepository", repositoryQuery: "nxrepository",
                           defaultRepository: "default", basicRealm: "Nuxeo")
        if let repo = f["repository"], let r = repo.fields("api.repository", allowed: ["prefix", "header", "query", "default"], d: &d) {
            info.repositoryPrefix = r["prefix"]?.string("repository.prefix", &d) ?? info.repositoryPrefix
            info.repositoryHeader = r["header"]?.string("repository.header", &d) ?? info.repositoryHeader
            info.repositoryQuery = r["query"]?.string("repository.query", &d) ?? info.repositoryQuery
            info.defaultRepository = r["default"]?.string("repository.default", &d) ?? info.defaultRepository
        }
        for scheme in f["auth"]?.items ?? [] {
            guard let s = scheme.fields("an auth scheme", allowed: ["scheme", "realm"], required: ["scheme"], d: &d) else { continue }
            let name = s["scheme"]?.string("auth.scheme", &d) ?? ""
            if name == "basic" {
                info.basicRealm = s["realm"]?.string("auth.realm", &d) ?? info.basicRealm
            } else if let loc = s["scheme"]?.location {
                d.unknown(.invalidValue, kind: "auth scheme", name: name, candidates: ["basic"], at: loc)
            }
        }
        for (path, loc) in f["basePaths"]?.strings("api.basePaths", &d) ?? [] where !path.hasPrefix("/") || path.hasSuffix("/") {
            d.error(.invalidValue, "base path '\(path)' must start with '/' and not end with '/'", at: loc)
        }
        if let aliases = f["pathAliases"] {
            if aliases.pairs == nil { d.error(.wrongNodeKind, "pathAliases must be a mapping, found \(aliases.kindName)", at: aliases.location) }
            for (key, value) in aliases.pairs ?? [] {
                guard let from = key.string("a path alias", &d), let to = value.string("the aliased path", &d) else { continue }
                for (path, loc) in [(from, key.location), (to, value.location)] where !path.hasPrefix("/") || path.hasSuffix("/") {
                    d.error(.invalidValue, "path alias '\(path)' must start with '/' and not end with '/'", at: loc)
                }
                if !info.basePaths.contains(where: { to == $0 || to.hasPrefix($0 + "/") }) {
                    d.error(.invalidValue, "path alias target '\(to)' must be under a base path (\(info.basePaths.joined(separator: ", ")))", at: value.location)
                }
                info.pathAliases.append((from, to))
            }
        }
        if let existing = raw.api {
            d.error(.duplicate, "api is already defined at \(existing.1)", at: node.location)
        } else {
            raw.api = (info, node.location)
        }
    }

    static func parseHeaders(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let pairs = node.pairs else {
            d.error(.wrongNodeKind, "headers must be a mapping, found \(node.kindName)", at: node.location)
            return
        }
        for (key, value) in pairs {
            guard let name = key.string("a header name", &d),
                  let f = value.fields("header '\(name)'", allowed: ["description", "aliases", "query", "list", "type", "swiftName"], d: &d)
            else { continue }
            let aliases = f["aliases"]?.strings("aliases", &d).map(\.0) ?? [name]
            var type: String?
            if let t = f["type"], let text = t.string("header type", &d) {
                type = text
                // `boolean`: `true`/`false`; any other type names an enum.
                if text != HeaderDef.booleanType { raw.typeRefs.append((.named(text), t.location)) }
            }
            var header = HeaderDef(
                name: name, description: f["description"]?.string("description", &d) ?? "",
                aliases: aliases, query: f["query"]?.bool("query", &d) ?? false, list: f["list"]?.bool("list", &d) ?? false,
                type: type, origin: origin(node.file, name, key.location))
            if let swiftName = f["swiftName"], let text = swiftName.string("swiftName", &d) {
                checkIdentifier(text, "swiftName", at: swiftName.location, &d)
                header.swiftName = text
            }
            raw.headers.append(header)
        }
    }

    static func parseEnums(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let pairs = node.pairs else {
            d.error(.wrongNodeKind, "enums must be a mapping, found \(node.kindName)", at: node.location)
            return
        }
        for (key, value) in pairs {
            guard let name = key.string("an enum name", &d),
                  let f = value.fields("enum '\(name)'", allowed: ["description", "values", "caseInsensitive", "lenient"], required: ["values"], d: &d)
            else { continue }
            checkName(name, "enum name", at: key.location, &d)
            let values = f["values"]?.strings("values", &d) ?? []
            var seen = Set<String>()
            for (v, loc) in values where !seen.insert(v).inserted {
                d.error(.duplicate, "duplicate value '\(v)' in enum '\(name)'", at: loc)
            }
            var def = EnumDef(
                name: name, description: f["description"]?.string("description", &d) ?? "", values: values.map(\.0),
                caseInsensitive: f["caseInsensitive"]?.bool("caseInsensitive", &d) ?? false,
                origin: origin(node.file, name, key.location))
            def.lenient = f["lenient"]?.bool("lenient", &d) ?? false
            raw.enums.append(def)
        }
    }
}

import Foundation
import Yams

/// Turns one YAML file into raw definitions, reporting grammar mistakes.
enum SpecParser {
    /// The top-level keys a file may hold, by concern.
    static let topLevelKeys = [
        "api", "headers", "enums", "entity", "endpoints", "adapters", "schemas", "facets", "lifecycles", "types",
        "content", "scenarios", "pageProviders", "operations", "chains", "businessObjects", "enrichers", "directories",
        "messages", "paramSets", "workflows", "bulkActions", "converters", "renditions", "sdk",
    ]
    static let entityKeys = ["entity", "swiftName", "description", "fields", "objects", "examples", "paginable", "totalSize", "entries", "runtimeType"]

    static func parse(_ file: SpecFile, into raw: inout RawSpec, _ d: inout Diagnostics) {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: file.text) else { return }
            root = node
        } catch let error as YamlError {
            d.all.append(YAMLDiagnostics.diagnostic(for: error, in: file))
            return
        } catch {
            d.error(.yamlSyntax, "\(error)", at: SourceLocation(file: file.path, line: 1, column: 1))
            return
        }
        let node = SpecNode(root, file: file.path)
        let stem = fileStem(file.path)
        guard let pairs = node.pairs else {
            d.error(.wrongNodeKind, "a spec file must be a mapping, found \(node.kindName)", at: node.location)
            return
        }
        if pairs.contains(where: { $0.key.scalar == "entity" }) {
            parseEntity(node, into: &raw, &d)
            return
        }
        guard let top = node.fields("the file", allowed: topLevelKeys, d: &d) else { return }
        if top.values.isEmpty {
            d.error(.unknownFileKind, "file defines nothing; expected one of \(topLevelKeys.joined(separator: ", "))", at: node.location)
        }
        if let api = top["api"] { parseAPI(api, into: &raw, &d) }
        if let headers = top["headers"] { parseHeaders(headers, into: &raw, &d) }
        if let enums = top["enums"] { parseEnums(enums, into: &raw, &d) }
        if let endpoints = top["endpoints"] { parseEndpoints(endpoints, group: stem, adapters: false, into: &raw, &d) }
        if let adapters = top["adapters"] { parseEndpoints(adapters, group: stem, adapters: true, into: &raw, &d) }
        if let schemas = top["schemas"] { parseSchemas(schemas, into: &raw, &d) }
        if let facets = top["facets"] { parseFacets(facets, into: &raw, &d) }
        if let lifecycles = top["lifecycles"] { parseLifecycles(lifecycles, into: &raw, &d) }
        if let types = top["types"] { parseDocTypes(types, into: &raw, &d) }
        if let content = top["content"] { parseContent(content, into: &raw, &d) }
        if let scenarios = top["scenarios"] { parseScenarios(scenarios, into: &raw, &d) }
        if let providers = top["pageProviders"] { parsePageProviders(providers, into: &raw, &d) }
        if let operations = top["operations"] { parseOperations(operations, into: &raw, &d) }
        if let chains = top["chains"] { parseChains(chains, into: &raw, &d) }
        if let objects = top["businessObjects"] { parseBusinessObjects(objects, into: &raw, &d) }
        if let enrichers = top["enrichers"] { parseEnrichers(enrichers, into: &raw, &d) }
        if let directories = top["directories"] { parseDirectories(directories, into: &raw, &d) }
        if let messages = top["messages"] { parseMessages(messages, file: file.path, into: &raw, &d) }
        if let sets = top["paramSets"] { parseParamSets(sets, into: &raw, &d) }
        if let workflows = top["workflows"] { parseWorkflows(workflows, into: &raw, &d) }
        if let actions = top["bulkActions"] { parseBulkActions(actions, into: &raw, &d) }
        if let converters = top["converters"] { parseConverters(converters, into: &raw, &d) }
        if let renditions = top["renditions"] { parseRenditions(renditions, into: &raw, &d) }
        if let sdk = top["sdk"] { parseSDK(sdk, into: &raw, &d) }
    }

    /// `Spec/endpoints/documents.yaml` → `documents`.
    static func fileStem(_ path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return last.split(separator: ".").first.map(String.init) ?? last
    }

    /// Parses a type expression: `string`, `[T]`, `T?`, a named type.
    static func parseType(_ text: String) -> (TypeRef, nullable: Bool) {
        var text = text.trimmingCharacters(in: .whitespaces)
        var nullable = false
        if text.hasSuffix("?") {
            nullable = true
            text.removeLast()
        }
        return (parseBareType(text), nullable)
    }

    static func parseBareType(_ text: String) -> TypeRef {
        if text.hasPrefix("["), text.hasSuffix("]") {
            return .list(parseBareType(String(text.dropFirst().dropLast())))
        }
        switch text {
        case "string": return .string
        case "boolean": return .boolean
        case "integer", "long": return .integer
        case "double": return .double
        case "object": return .object
        case "json": return .json
        case "integerString": return .integerString
        case "docRef": return .docRef
        case "xpath": return .xpath
        default: return .named(text)
        }
    }

    static func origin(_ file: String, _ id: String, _ location: SourceLocation) -> SpecOrigin {
        SpecOrigin(file: file, id: id, location: location)
    }

    /// Checks that `name` is a plausible identifier (letters, digits, `-`, `_`, `.`, `:`).
    /// With `allowingSpaces`, single spaces between other allowed characters are accepted too.
    static func checkName(_ name: String, _ what: String, at location: SourceLocation, allowingSpaces: Bool = false, _ d: inout Diagnostics) {
        var allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:")
        if allowingSpaces { allowed.insert(" ") }
        let badSpacing = allowingSpaces && (name.hasPrefix(" ") || name.hasSuffix(" ") || name.contains("  "))
        if !name.allSatisfy({ allowed.contains($0) }) || name.first?.isNumber ?? true || badSpacing {
            d.error(.invalidValue, "invalid \(what) '\(name)'", at: location)
        }
    }
}

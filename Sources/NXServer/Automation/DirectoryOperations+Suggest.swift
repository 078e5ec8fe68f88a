import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// `Directory.SuggestEntries` (Nuxeo's SuggestDirectoryEntries): the entries of a directory as select2 suggestions.
extension DocumentOperations {
    /// Entries whose label starts with (or, with `contains`, contains) `searchTerm`, case-insensitively, obsolete ones
    /// excluded unless `displayObsoleteEntries`, `filters` matched exactly; each written as its non-null fields with
    /// `displayLabel` (translated with `localize`), `directoryName`, `properties`, `entity-type`, `computedId` and
    /// `absoluteLabel`, sorted by `ordering` then label. In a directory whose schema has `parent` (and no parent
    /// directory), entries are nested under their ancestors (`children`) and only leaves are suggested unless
    /// `filterParent`; a parent is selectable with `canSelectParent`.
    func directorySuggestEntries(_ input: Value, _ params: DirectorySuggestEntriesParams, context: Context) async throws -> Value {
        let service = try context.directories()
        let definition = try service.directory(params.directoryName)
        guard let schema = context.repository.registry.schemas[definition.schema] else { throw NXError.notFound("Directory \(params.directoryName) was not found") }
        var suggest = DirectorySuggestion(params: params, schema: schema, directoryName: definition.name, context: context)
        let all = try await service.list(definition.name)
        suggest.hasChildren = Set(all.compactMap { $0.properties["parent"]?.stringValue })
        suggest.byId = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let parentDirectory = definition.parent.flatMap { $0.isEmpty || $0 == definition.name ? nil : $0 }
        let postFilter = params.localize == true && params.dbl10n != true
        var entries = all.filter { entry in
            if params.displayObsoleteEntries != true, schema.fields.contains(where: { $0.name == "obsolete" }),
               (entry.properties["obsolete"]?.int64Value ?? 0) != 0 { return false }
            for (key, value) in params.filters ?? JSONObject() where suggest.text(entry.properties[key]) != suggest.text(value) { return false }
            if !postFilter, let term = params.searchTerm, !term.isEmpty, !suggest.matches(suggest.text(entry.properties[suggest.labelField]), term) {
                return false
            }
            return true
        }
        if !postFilter, let limit = params.limit, limit >= 0 { entries = Array(entries.prefix(limit)) }
        let root = SuggestNode(entry: nil)
        for entry in entries {
            let node = suggest.node(entry)
            if params.filterParent != true && suggest.isChained && parentDirectory == nil && !suggest.isLeaf(node) { continue }
            if postFilter, let term = params.searchTerm, !term.isEmpty, !suggest.matches(node.label, term) { continue }
            suggest.push(node, into: root)
        }
        return try context.jsonBlob(.array(suggest.childrenJSON(of: root)))
    }
}

/// One entry of the suggestion tree (the root has none).
final class SuggestNode {
    var object: JSONObject
    var children: [String: SuggestNode] = [:]
    let isRoot: Bool

    init(entry object: JSONObject?) {
        self.object = object ?? JSONObject()
        isRoot = object == nil
    }

    var id: String { object["id"]?.stringValue ?? "" }
    var label: String { object["displayLabel"]?.plainText ?? "" }
    var parentId: String { object["parent"]?.stringValue ?? "" }
    var order: Int64 { object["ordering"]?.int64Value ?? Int64(object["ordering"]?.stringValue ?? "") ?? 0 }
}

/// The parameters and lookups of one `Directory.SuggestEntries` call.
struct DirectorySuggestion {
    let params: DirectorySuggestEntriesParams
    let schema: Schema
    let directoryName: String
    let context: OperationContext
    /// Ids some entry names as its parent.
    var hasChildren: Set<String> = []
    var byId: [String: DirectoryEntry] = [:]

    init(params: DirectorySuggestEntriesParams, schema: Schema, directoryName: String, context: OperationContext) {
        self.params = params
        self.schema = schema
        self.directoryName = directoryName
        self.context = context
    }

    var lang: String { params.lang ?? context.variable("lang")?.stringValue ?? "en" }
    var isChained: Bool { schema.fields.contains { $0.name == "parent" } }

    /// The label field: `labelFieldName` (default `label`); with `dbl10n`, `{lang}` in it becomes the language (English
    /// when the schema has no such field).
    var labelField: String {
        let name = params.labelFieldName.flatMap { $0.isEmpty ? nil : $0 } ?? "label"
        guard params.dbl10n == true, name.contains("{lang}") else { return name }
        let localized = name.replacingOccurrences(of: "{lang}", with: lang)
        return schema.fields.contains { $0.name == localized } ? localized : name.replacingOccurrences(of: "{lang}", with: "en")
    }

    func text(_ value: JSONValue?) -> String? {
        guard let value, !value.isNull else { return nil }
        return value.plainText
    }

    func matches(_ label: String?, _ term: String) -> Bool {
        guard let label = label?.lowercased() else { return false }
        return params.contains == true ? label.contains(term.lowercased()) : label.hasPrefix(term.lowercased())
    }

    func isLeaf(_ node: SuggestNode) -> Bool { !isChained || node.isRoot || !hasChildren.contains(node.id) }

    /// The JSON object of an entry, keys in Nuxeo's order.
    func node(_ entry: DirectoryEntry) -> SuggestNode {
        var object = JSONObject()
        var properties = JSONObject()
        let label = labelField
        for field in schema.fields {
            guard var value = entry.properties[field.name], !value.isNull else { continue }
            if field.name == label {
                if params.localize == true && params.dbl10n != true { value = .string(context.translate(text(value), lang: lang)) }
                object["displayLabel"] = value
            }
            object[field.name] = value
            properties[field.name] = value
        }
        if params.displayObsoleteEntries == true, (object["obsolete"]?.int64Value ?? 0) > 0 {
            object["warn_message"] = .string(context.translate("obsolete", lang: lang))
        }
        object["directoryName"] = .string(directoryName)
        object["properties"] = .object(properties)
        object["entity-type"] = "directoryEntry"
        return SuggestNode(entry: object)
    }

    /// Nuxeo's `JSONAdapter.push`: under its parent when the parent is an entry of this directory (ancestors are added on
    /// the way up), else at the top.
    func push(_ node: SuggestNode, into root: SuggestNode) {
        var node = node
        var seen: Set<String> = [node.id]
        while !node.parentId.isEmpty, let parentEntry = byId[node.parentId], seen.insert(parentEntry.id).inserted {
            let parent = self.node(parentEntry)
            merge(node, into: parent)
            node = parent
        }
        merge(node, into: root)
    }

    private func merge(_ branch: SuggestNode, into parent: SuggestNode) {
        if let found = parent.children[branch.id] {
            for child in branch.children.values { merge(child, into: found) }
        } else {
            parent.children[branch.id] = branch
        }
    }

    /// The children of `parent`, sorted, each with `computedId` and `absoluteLabel`; non-leaves carry `children`.
    func childrenJSON(of parent: SuggestNode) -> [JSONValue] {
        let sorted = parent.children.values.sorted { a, b in
            if a.order != b.order { return a.order < b.order }
            return params.caseSensitive == true ? a.label < b.label : a.label.lowercased() < b.label.lowercased()
        }
        return sorted.map { child in
            let keySeparator = params.keySeparator ?? "/", labelSeparator = params.absoluteLabelSeparator ?? "/"
            child.object["computedId"] = .string((parent.isRoot ? "" : (parent.object["computedId"]?.stringValue ?? "") + keySeparator) + child.id)
            child.object["absoluteLabel"] = .string(
                (parent.isRoot ? "" : (parent.object["absoluteLabel"]?.stringValue ?? "") + labelSeparator) + child.label)
            if isLeaf(child) { return .object(child.object) }
            if params.canSelectParent == true {
                var object = child.object
                object["children"] = .array(childrenJSON(of: child))
                return .object(object)
            }
            return .object(["displayLabel": .string(child.label), "children": .array(childrenJSON(of: child))])
        }
    }
}

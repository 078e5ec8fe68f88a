/// `Spec/directories/*.yaml`:
///
/// ```yaml
/// directories:
///   continent:
///     schema: vocabulary              # required; declared in Spec/repository/
///     idField: id                     # default id; a field of the schema
///     parent: continent               # optional: directory the entries' `parent` field points into
///     readOnly: false                 # default false
///     types: [vocabulary]             # default [vocabulary]; `system` hides the directory from GET /directory
///     aliases: [continents]           # other names it answers to
///     defaults: { obsolete: 0, ordering: 10000000 }   # values of fields an entry leaves out
///     entries:
///       - { id: europe, label: label.directories.continent.europe }
/// ```
///
/// Entries are checked against the schema once every file is read (`SpecValidator.checkDirectories`).
extension SpecParser {
    static let directoryKeys = ["schema", "idField", "parent", "readOnly", "types", "aliases", "defaults", "entries"]

    static func parseDirectories(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        for (key, value) in mappingPairs(node, "directories", &d) {
            guard let name = key.string("a directory name", &d) else { continue }
            checkName(name, "directory name", at: key.location, &d)
            guard let f = value.fields("directory '\(name)'", allowed: directoryKeys, required: ["schema"], d: &d),
                  let schemaNode = f["schema"], let schema = schemaNode.string("schema", &d)
            else { continue }
            let what = "directory '\(name)'"
            raw.schemaRefs.append((schema, schemaNode.location))
            var parent: String?
            if let p = f["parent"], let text = p.string("parent", &d) {
                parent = text
                raw.directoryRefs.append((text, p.location))
            }
            let aliases = f["aliases"]?.strings("aliases", &d) ?? []
            for (alias, location) in aliases { checkName(alias, "directory alias", at: location, &d) }
            let defaults = f["defaults"].map { scalarPairs($0, "defaults of \(what)", &d) } ?? []
            var entries: [DirectoryEntryDef] = []
            for item in sequenceItems(f["entries"], "entries of \(what)", &d) {
                guard item.pairs != nil else {
                    d.error(.wrongNodeKind, "an entry of \(what) must be a mapping, found \(item.kindName)", at: item.location)
                    continue
                }
                var pairs = scalarPairs(item, "an entry of \(what)", &d)
                for pair in defaults where !pairs.contains(where: { $0.field == pair.field }) { pairs.append(pair) }
                entries.append(DirectoryEntryDef(values: pairs.map { ($0.field, $0.value) }, keyLocations: pairs.map(\.keyLocation),
                                                 valueLocations: pairs.map(\.valueLocation), location: item.location))
            }
            raw.directories.append(DirectoryDef(
                name: name, schema: schema, idField: f["idField"]?.string("idField", &d) ?? "id", parent: parent,
                readOnly: f["readOnly"]?.bool("readOnly", &d) ?? false,
                types: f["types"].map { $0.strings("types", &d).map(\.0) } ?? ["vocabulary"], aliases: aliases.map(\.0),
                entries: entries, origin: origin(node.file, name, key.location)))
            raw.directoryNameLocations += [(name, key.location)] + aliases
        }
    }

    /// A mapping of scalar keys to scalar values, in written order, with where each was written.
    static func scalarPairs(_ node: SpecNode, _ what: String, _ d: inout Diagnostics)
        -> [(field: String, value: String, keyLocation: SourceLocation, valueLocation: SourceLocation)] {
        var result: [(field: String, value: String, keyLocation: SourceLocation, valueLocation: SourceLocation)] = []
        for (key, value) in mappingPairs(node, what, &d) {
            guard let field = key.string("a key of \(what)", &d), let text = value.string("'\(field)' of \(what)", &d) else { continue }
            if result.contains(where: { $0.field == field }) {
                d.error(.duplicate, "duplicate key '\(field)' in \(what)", at: key.location)
                continue
            }
            result.append((field, text, key.location, value.location))
        }
        return result
    }

    /// `resolver: { directory: NAME }` or `resolver: user` of a schema field.
    static func parseResolver(_ node: SpecNode, field: String, into raw: inout RawSpec, _ d: inout Diagnostics) -> FieldResolverDef? {
        if let text = node.scalar {
            guard text == "user" else {
                d.unknown(.invalidValue, kind: "resolver", name: text, candidates: ["user"], at: node.location)
                return nil
            }
            return .user
        }
        guard let f = node.fields("resolver of field '\(field)'", allowed: ["directory"], required: ["directory"], d: &d),
              let directoryNode = f["directory"], let directory = directoryNode.string("directory", &d)
        else { return nil }
        raw.directoryRefs.append((directory, directoryNode.location))
        return .directory(directory)
    }
}

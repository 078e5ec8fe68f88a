/// Directory checks that need every schema and directory: id fields, seed entries against their schema, parents.
extension SpecValidator {
    static func checkDirectories(_ raw: RawSpec, _ d: inout Diagnostics) {
        let schemas = Dictionary(raw.schemas.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        checkRefs(raw.directoryRefs, kind: "directory", code: .unknownDirectory, known: raw.directories.map(\.name) + raw.directories.flatMap(\.aliases), &d)
        var idsByDirectory: [String: Set<String>] = [:]
        for directory in raw.directories {
            guard let schema = schemas[directory.schema] else { continue }   // reported as an unknown schema
            let fields = Dictionary(schema.fields.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            let what = "directory '\(directory.name)'"
            let hasIdField = fields[directory.idField] != nil
            if !hasIdField {
                d.error(.unknownSchemaField, notIn(directory.idField, "id field", "schema '\(schema.name)'", candidates: fields.keys),
                        at: directory.origin.location)
            }
            var ids: [String: SourceLocation] = [:]
            for entry in directory.entries {
                for (index, (field, value)) in entry.values.enumerated() {
                    guard let def = fields[field] else {
                        d.error(.unknownSchemaField, notIn(field, "field", "schema '\(schema.name)'", candidates: fields.keys),
                                at: entry.keyLocations[index])
                        continue
                    }
                    if let problem = valueProblem(value, def.type) {
                        d.error(.invalidDirectoryEntry, "'\(field)' of an entry of \(what): \(problem)", at: entry.valueLocations[index])
                    }
                }
                guard hasIdField else { continue }
                guard let id = entry.value(directory.idField), !id.isEmpty else {
                    d.error(.invalidDirectoryEntry, "an entry of \(what) has no '\(directory.idField)'", at: entry.location)
                    continue
                }
                if let first = ids[id] {
                    d.error(.duplicate, "duplicate entry '\(id)' in \(what) (first defined at \(first))", at: entry.location)
                } else {
                    ids[id] = entry.location
                }
            }
            idsByDirectory[directory.name] = Set(ids.keys)
        }
        // Parents: the `parent` value of every entry must be an entry of the parent directory.
        for directory in raw.directories {
            guard let parentName = directory.parent,
                  let parent = raw.directories.first(where: { $0.name == parentName || $0.aliases.contains(parentName) }),
                  let known = idsByDirectory[parent.name]
            else { continue }
            for entry in directory.entries {
                guard let index = entry.values.firstIndex(where: { $0.field == "parent" }), !entry.values[index].value.isEmpty else { continue }
                let value = entry.values[index].value
                if !known.contains(value) {
                    d.error(.invalidDirectoryEntry, notIn(value, "parent", "the entries of directory '\(parent.name)'", candidates: known),
                            at: entry.valueLocations[index])
                }
            }
        }
    }

    /// `<kind> '<name>' is not in <place>`, with a "did you mean" drawn from `candidates`.
    static func notIn(_ name: String, _ kind: String, _ place: String, candidates: some Sequence<String>) -> String {
        var message = "\(kind) '\(name)' is not in \(place)"
        if let suggestion = Suggestion.closest(to: name, in: Array(candidates).sorted()) { message += " (did you mean '\(suggestion)'?)" }
        return message
    }

    /// Why `text` cannot be a value of a field of `type`, or nil when it can.
    static func valueProblem(_ text: String, _ type: SchemaFieldType) -> String? {
        switch type {
        case .primitive("long"), .primitive("integer"):
            return Int64(text) == nil ? "'\(text)' is not an integer" : nil
        case .primitive("double"):
            return Double(text) == nil ? "'\(text)' is not a number" : nil
        case .primitive("boolean"):
            return ["true", "false"].contains(text.lowercased()) ? nil : "'\(text)' is not true or false"
        case .primitive("string"), .primitive("date"):
            return nil
        default:
            return "fields of type \(type) cannot be seeded"
        }
    }
}

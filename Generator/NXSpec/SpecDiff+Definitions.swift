extension SpecDiff {
    /// Operations by id: removed, aliases, signatures, parameters.
    static func compareOperations(_ old: [OperationDef], _ new: [OperationDef], into changes: inout [SpecChange]) {
        let (removed, kept, added) = match(old, new, by: \.id)
        for op in removed {
            changes.append(SpecChange(.breaking, .definitionRemoved, "operation '\(op.id)' removed", at: op.origin.location, side: .old))
        }
        for op in added {
            changes.append(SpecChange(.compatible, .definitionAdded, "operation '\(op.id)' added", at: op.origin.location, side: .new))
        }
        for (before, after) in kept {
            let name = "operation '\(after.id)'"
            let at = after.origin.location
            for alias in before.aliases where !after.aliases.contains(alias) {
                changes.append(SpecChange(.breaking, .definitionRemoved, "\(name): alias '\(alias)' removed", at: before.origin.location, side: .old))
            }
            let (goneSignatures, _, newSignatures) = match(before.signature, after.signature) { $0 }
            for s in goneSignatures {
                changes.append(SpecChange(.breaking, .operationSignatureRemoved, "\(name): signature \(s.input) → \(s.output) removed",
                                          at: before.origin.location, side: .old))
            }
            for s in newSignatures {
                changes.append(SpecChange(.compatible, .operationSignatureAdded, "\(name): signature \(s.input) → \(s.output) added", at: at, side: .new))
            }
            let (goneParams, keptParams, newParams) = match(before.params, after.params, by: \.name)
            for p in goneParams {
                changes.append(SpecChange(.breaking, .parameterRemoved, "\(name): parameter '\(p.name)' removed", at: p.location, side: .old))
            }
            for p in newParams {
                changes.append(SpecChange(p.required ? .breaking : .compatible, .parameterAdded,
                                          "\(name): new \(p.required ? "required" : "optional") parameter '\(p.name)'", at: p.location, side: .new))
            }
            for (a, b) in keptParams {
                if a.type != b.type {
                    changes.append(SpecChange(.breaking, .typeChanged, "\(name): parameter '\(b.name)' type \(a.type.rawValue) → \(b.type.rawValue)",
                                              at: b.location, side: .new))
                }
                if !a.required && b.required {
                    changes.append(SpecChange(.breaking, .parameterMadeRequired, "\(name): parameter '\(b.name)' made required", at: b.location, side: .new))
                }
                for value in a.values where !b.values.isEmpty && !b.values.contains(value) {
                    changes.append(SpecChange(.breaking, .enumCaseRemoved, "\(name): parameter '\(b.name)' no longer accepts '\(value)'",
                                              at: b.location, side: .new))
                }
            }
        }
    }

    /// Named definitions clients address by name: headers, page providers, directories, schemas, facets,
    /// document types, enrichers. Removing one breaks; adding one is compatible.
    static func compareDefinitions(_ old: SpecModel, _ new: SpecModel, into changes: inout [SpecChange]) {
        func named(_ m: SpecModel) -> [(kind: String, name: String, location: SourceLocation)] {
            m.headers.map { ("header", $0.name, $0.origin.location) }
                + m.pageProviders.map { ("page provider", $0.name, $0.origin.location) }
                + m.directories.map { ("directory", $0.name, $0.origin.location) }
                + m.schemas.map { ("schema", $0.name, $0.origin.location) }
                + m.facets.map { ("facet", $0.name, $0.origin.location) }
                + m.docTypes.map { ("document type", $0.name, $0.origin.location) }
                + m.enrichers.map { ("enricher", "\($0.entity)/\($0.name)", $0.origin.location) }
        }
        let (removed, _, added) = match(named(old), named(new)) { "\($0.kind) \($0.name)" }
        for d in removed {
            changes.append(SpecChange(.breaking, .definitionRemoved, "\(d.kind) '\(d.name)' removed", at: d.location, side: .old))
        }
        for d in added {
            changes.append(SpecChange(.compatible, .definitionAdded, "\(d.kind) '\(d.name)' added", at: d.location, side: .new))
        }
        let oldSchemas = Dictionary(old.schemas.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for schema in new.schemas {
            guard let before = oldSchemas[schema.name] else { continue }
            let (goneFields, keptFields, _) = match(before.fields, schema.fields, by: \.name)
            for field in goneFields {
                changes.append(SpecChange(.breaking, .fieldRemoved, "schema '\(schema.name)': field '\(field.name)' removed", at: before.origin.location, side: .old))
            }
            for (a, b) in keptFields where a.type.description != b.type.description {
                changes.append(SpecChange(.breaking, .typeChanged, "schema '\(schema.name)': field '\(b.name)' type \(a.type) → \(b.type)",
                                          at: schema.origin.location, side: .new))
            }
        }
    }
}

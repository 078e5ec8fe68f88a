extension SpecDiff {
    /// Entities and their objects, matched by name, then their fields by JSON name.
    static func compareEntities(_ old: [EntityDef], _ new: [EntityDef], requestBodies: Set<String>, into changes: inout [SpecChange]) {
        let (removed, kept, added) = match(old, new, by: \.name)
        for entity in removed {
            changes.append(SpecChange(.breaking, .entityRemoved, "entity '\(entity.name)' removed", at: entity.origin.location, side: .old))
        }
        for entity in added {
            changes.append(SpecChange(.compatible, .entityAdded, "entity '\(entity.name)' added", at: entity.origin.location, side: .new))
        }
        for (before, after) in kept {
            let isBody = requestBodies.contains(after.name)
            compareFields(before.fields, after.fields, of: "entity '\(after.name)'", requestBody: isBody, into: &changes)
            let (goneObjects, keptObjects, newObjects) = match(before.objects, after.objects, by: \.name)
            for object in goneObjects {
                changes.append(SpecChange(.breaking, .entityRemoved, "object '\(object.name)' of entity '\(after.name)' removed",
                                          at: object.origin.location, side: .old))
            }
            for object in newObjects {
                changes.append(SpecChange(.compatible, .entityAdded, "object '\(object.name)' of entity '\(after.name)' added",
                                          at: object.origin.location, side: .new))
            }
            for (a, b) in keptObjects {
                compareFields(a.fields, b.fields, of: "object '\(b.name)'", requestBody: isBody, into: &changes)
            }
            if before.entries != after.entries || before.paginable != after.paginable {
                changes.append(SpecChange(.breaking, .typeChanged,
                                          "entity '\(after.name)': list shape changed (entries \(before.entries ?? "none") → \(after.entries ?? "none"), paginable \(before.paginable) → \(after.paginable))",
                                          at: after.origin.location, side: .new))
            }
        }
    }

    /// A field is optional when it may be absent (`omit`) or null (`T?`).
    static func isOptional(_ field: FieldDef) -> Bool { field.nullable || field.omit }

    /// Fields matched by JSON name. A new non-optional field breaks only request bodies (older clients do not send it).
    static func compareFields(_ old: [FieldDef], _ new: [FieldDef], of owner: String, requestBody: Bool, into changes: inout [SpecChange]) {
        let (removed, kept, added) = match(old, new, by: \.name)
        for field in removed {
            changes.append(SpecChange(.breaking, .fieldRemoved, "\(owner): field '\(field.name)' removed", at: field.location, side: .old))
        }
        for field in added {
            if isOptional(field) || !requestBody {
                let what = isOptional(field) ? "optional field" : "field"
                changes.append(SpecChange(.compatible, .fieldAdded, "\(owner): \(what) '\(field.name)' added", at: field.location, side: .new))
            } else {
                changes.append(SpecChange(.breaking, .fieldAdded, "\(owner): required field '\(field.name)' added to a request body",
                                          at: field.location, side: .new))
            }
        }
        for (before, after) in kept {
            if before.type != after.type {
                changes.append(SpecChange(.breaking, .typeChanged, "\(owner): field '\(after.name)' type \(before.type) → \(after.type)",
                                          at: after.location, side: .new))
            }
            if isOptional(before) && !isOptional(after) {
                changes.append(SpecChange(.breaking, .fieldMadeRequired, "\(owner): field '\(after.name)' made required", at: after.location, side: .new))
            } else if !before.nullable && after.nullable {
                changes.append(SpecChange(.breaking, .typeChanged, "\(owner): field '\(after.name)' may now be null", at: after.location, side: .new))
            } else if !isOptional(before) && isOptional(after) {
                changes.append(SpecChange(.breaking, .fieldMadeOptional, "\(owner): field '\(after.name)' may now be absent", at: after.location, side: .new))
            }
        }
    }

    /// Enums by name, then their cases. A new case is compatible with a note: exhaustive switches must handle it.
    static func compareEnums(_ old: [EnumDef], _ new: [EnumDef], into changes: inout [SpecChange]) {
        let (removed, kept, added) = match(old, new, by: \.name)
        for e in removed {
            changes.append(SpecChange(.breaking, .enumRemoved, "enum '\(e.name)' removed", at: e.origin.location, side: .old))
        }
        for e in added {
            changes.append(SpecChange(.compatible, .enumAdded, "enum '\(e.name)' added", at: e.origin.location, side: .new))
        }
        for (before, after) in kept {
            let (goneCases, _, newCases) = match(before.values, after.values) { $0 }
            for value in goneCases {
                changes.append(SpecChange(.breaking, .enumCaseRemoved, "enum '\(after.name)': case '\(value)' removed", at: before.origin.location, side: .old))
            }
            for value in newCases {
                changes.append(SpecChange(.compatibleWithNote, .enumCaseAdded,
                                          "enum '\(after.name)': case '\(value)' added; clients that switch exhaustively must handle it (generated enums decode it, older ones as .unknown)",
                                          at: after.origin.location, side: .new))
            }
        }
    }
}

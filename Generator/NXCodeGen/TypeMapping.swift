import NXSpec

/// How spec types map to Swift types and JSON writer calls.
struct TypeMapping {
    let model: SpecModel

    /// The Swift type of `type`.
    func swiftType(_ type: TypeRef) -> String {
        switch type {
        case .string, .xpath: return "String"
        case .boolean: return "Bool"
        case .integer: return "Int"
        case .double: return "Double"
        case .object: return "JSONObject"
        case .json, .integerString: return "JSONValue"
        case .docRef: return "DocumentRef"
        case .list(let element): return "[\(swiftType(element))]"
        case .named(let name):
            if let entity = model.entity(name) { return entity.swiftName }
            return Naming.upperCamel(name)
        }
    }

    /// Whether `name` is an enum.
    func isEnum(_ type: TypeRef) -> Bool {
        if case .named(let name) = type { return model.enumDef(name) != nil }
        return false
    }

    /// Statements writing the value `expr` of `type`.
    func write(_ expr: String, _ type: TypeRef, depth: Int = 0) -> [SwiftStmt] {
        switch type {
        case .string, .xpath: return [.line("writer.string(\(expr))")]
        case .boolean: return [.line("writer.bool(\(expr))")]
        case .integer: return [.line("writer.int(Int64(\(expr)))")]
        case .double: return [.line("writer.double(\(expr))")]
        case .object: return [.line("writer.value(.object(\(expr)))")]
        case .json, .integerString: return [.line("writer.value(\(expr))")]
        case .docRef: return [.line("writer.string(\(expr).description)")]
        case .list(let element):
            let item = "item\(depth)"
            return [
                .line("writer.beginArray()"),
                .block("for \(item) in \(expr) {", write(item, element, depth: depth + 1)),
                .line("writer.endArray()"),
            ]
        case .named:
            if isEnum(type) { return [.line("writer.string(\(expr).rawValue)")] }
            return [.line("\(expr).writeJSON(to: &writer)")]
        }
    }

    /// The fields an entity writes, after `entity-type`: its own, or Nuxeo's paginable list fields.
    func effectiveFields(_ entity: EntityDef) -> [FieldDef] {
        pagingFields(entity) + storedFields(entity)
    }

    /// The fields a generated entity stores itself: a list's extra fields and entries, then its own. A paginable
    /// entity's paging fields are one `NXPaging` value instead (see `pagingFields`).
    func storedFields(_ entity: EntityDef) -> [FieldDef] {
        guard let entries = entity.entries else { return entity.fields }
        let loc = entity.origin.location
        func f(_ name: String, _ type: TypeRef, omit: Bool = false, _ doc: String) -> FieldDef {
            FieldDef(name: name, type: type, nullable: false, omit: omit, inputOnly: false, description: doc, location: loc)
        }
        var fields: [FieldDef] = []
        if entity.paginable {
            fields += [
                f("aggregations", .object, omit: true, "Aggregate results, when the provider has aggregates."),
                f("quickFilters", .json, omit: true, "Quick filters of the provider, when it declares some."),
            ]
        }
        fields.append(f("entries", .list(.named(entries)), "The entries of this page."))
        return fields + entity.fields
    }

    /// The paging fields of a paginable list as written on the wire (documentation: the runtime's `NXPaging` reads
    /// and writes them).
    func pagingFields(_ entity: EntityDef) -> [FieldDef] {
        guard entity.paginable, entity.entries != nil else { return [] }
        let loc = entity.origin.location
        func f(_ name: String, _ type: TypeRef, nullable: Bool = false, _ doc: String) -> FieldDef {
            FieldDef(name: name, type: type, nullable: nullable, omit: false, inputOnly: false, description: doc, location: loc)
        }
        var fields = [
            f("isPaginable", .boolean, "Always true for paginable lists."),
            f("resultsCount", .integer, "Total number of results; -2 when counting stopped at the results limit."),
            f("pageSize", .integer, "Requested page size (0 = unbounded up to maxPageSize)."),
            f("maxPageSize", .integer, "Largest page size allowed."),
            f("resultsCountLimit", .integer, "Count limit (maxResults), 0 when none."),
            f("currentPageSize", .integer, "Number of entries in this page."),
            f("currentPageIndex", .integer, "Index of this page."),
            f("currentPageOffset", .integer, "Offset of the first entry of this page."),
            f("numberOfPages", .integer, "Number of pages (0 when unknown)."),
            f("isPreviousPageAvailable", .boolean, "Whether a previous page exists."),
            f("isNextPageAvailable", .boolean, "Whether a next page exists."),
            f("isLastPageAvailable", .boolean, "Whether the last page can be addressed."),
            f("isSortable", .boolean, "Whether the provider can sort."),
            f("hasError", .boolean, "Whether the query failed."),
            f("errorMessage", .string, nullable: true, "The query error, if any."),
        ]
        if entity.totalSize {
            fields += [
                f("totalSize", .integer, "Same as resultsCount (legacy)."),
                f("pageIndex", .integer, "Same as currentPageIndex (legacy)."),
                f("pageCount", .integer, "Same as numberOfPages (legacy)."),
            ]
        }
        return fields
    }
}

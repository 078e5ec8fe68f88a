import NXRuntime

/// The columns of a query-and-fetch (Nuxeo's `queryAndFetch`, the ResultSet operations): the properties a query selects,
/// read from each matching document as a row `{column: value}`.
public struct QueryAndFetch: Sendable, Equatable {
    /// The selected properties, in order (`ecm:uuid` for `SELECT *`).
    public var columns: [String]

    /// The selected properties of `nxql` (its select list only: the rest may still hold `?` parameters); a selected
    /// function or expression is a 400.
    public init(_ nxql: String) throws {
        let selectList = nxql.firstRange(of: /(?i)\sFROM\s/).map { String(nxql[..<$0.lowerBound]) } ?? nxql
        let query = try PageProviderQuery.parsing(nxql) { try NXQLParser.parse(selectList + " FROM Document") }
        var columns: [String] = []
        for operand in query.select {
            guard case .property(let name) = operand else {
                throw NXError.invalid("Query and fetch selects properties only (no function or expression): \(nxql)")
            }
            if !columns.contains(name) { columns.append(name) }
        }
        self.columns = columns.isEmpty ? ["ecm:uuid"] : columns
    }

    /// The row of `document`: each column's value, dates as ms since 1970 (as Jackson writes a Java `Calendar`), null when
    /// the document has no such property.
    public func row(_ document: DocumentRecord, registry: SchemaRegistry) -> JSONObject {
        var row = JSONObject()
        for column in columns { row[column] = Self.value(column, of: document, registry: registry) }
        return row
    }

    static func value(_ column: String, of d: DocumentRecord, registry: SchemaRegistry) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        switch column {
        case "ecm:uuid", "ecm:id": return .string(d.id)
        case "ecm:name": return .string(d.name)
        case "ecm:path": return .string(d.path)
        case "ecm:parentId": return text(d.parentId)
        case "ecm:primaryType": return .string(d.type)
        case "ecm:pos": return d.position.map(JSONValue.int) ?? .null
        case "ecm:currentLifeCycleState": return text(d.state)
        case "ecm:isProxy": return .bool(d.isProxy)
        case "ecm:isVersion", "ecm:isCheckedInVersion": return .bool(d.isVersion)
        case "ecm:isCheckedIn": return .bool(!d.isCheckedOut)
        case "ecm:isTrashed": return .bool(d.isTrashed)
        case "ecm:isLatestVersion": return .bool(d.isLatestVersion)
        case "ecm:isLatestMajorVersion": return .bool(d.isLatestMajorVersion)
        case "ecm:versionLabel": return text(d.versionLabel)
        case "ecm:versionVersionableId": return text(d.versionableId)
        case "ecm:lockOwner": return text(d.lockOwner)
        case "ecm:lockCreated": return d.lockCreated.map(JSONValue.int) ?? .null
        case "ecm:proxyTargetId": return text(d.proxyTargetId)
        case "ecm:proxyVersionableId": return text(d.proxyVersionableId)
        case "ecm:mixinType": return .array((registry.type(of: d)?.facets ?? []).map(JSONValue.string))
        case "ecm:changeToken": return .string(d.changeTokenString)
        default: break
        }
        let segments = column.split(separator: "/").map(String.init)
        guard let key = segments.first, var value = d.properties[key] else { return .null }
        for segment in segments.dropFirst() {
            if case .object(let object) = value, let next = object[segment] {
                value = next
            } else if case .array(let items) = value, let index = Int(segment), items.indices.contains(index) {
                value = items[index]
            } else {
                return .null
            }
        }
        if segments.count == 1, case .date = registry.type(of: d)?.fieldsByKey[key]?.field.type, let text = value.stringValue,
           let millis = NXDate.parse(text) {
            return .int(millis)
        }
        return value
    }
}

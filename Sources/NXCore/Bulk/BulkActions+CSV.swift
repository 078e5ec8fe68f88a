import NXRuntime

extension BulkActions {
    /// Nuxeo's system columns of a CSV export, in order.
    public static let csvSystemColumns = ["repository", "uid", "path", "type", "state", "parentRef", "isCheckedOut", "isVersion", "isProxy",
                                          "proxyTargetId", "versionableId", "changeToken", "isTrashed", "title", "versionLabel", "lockOwner",
                                          "lockCreated", "lastModified"]

    /// `csvExport`: one CSV row per document (the system columns, then the fields of the `schemas` parameter, then the
    /// `xpaths`), rows sorted unless `sort` is false; the file is stored with the command, `result.url` =
    /// `nxbigblob/<commandId>`. Each row is committed with the progress that produced it, so a restart writes no row twice.
    public static let csvExport = BulkAction(id: "csvExport", validate: { params, repository in
        for (name, value) in params {
            switch name {
            case "schemas":
                for schema in try stringList(value, name) where repository.registry.schemas[schema] == nil {
                    throw NXError.invalid("Unknown schema \(schema) in command")
                }
            case "xpaths": _ = try stringList(value, name)
            case "sort", "lang": break
            case "zip":
                guard !flag(value) else { throw NXError.invalid("Invalid zip in command: zipped exports are not supported") }
            default: throw BulkAction.unknownParameter(name)
            }
        }
    }, processing: .transactional { step in
        let columns = csvColumns(step.command.params, step.repository.registry)
        try step.output(csvRow(step.document, columns: columns, repository: step.repository.name))
        return .processed
    }, complete: { command, repository in
        guard let binaries = repository.binaries else { throw NXError.unsupported("No binary store to keep the export") }
        let columns = csvColumns(command.params, repository.registry)
        let id = command.id
        var rows = try await repository.store.read { tx in try tx.bulkOutput(commandId: id) }
        if command.params["sort"].map(flag) ?? true { rows.sort() }
        let header = csvLine(csvSystemColumns + columns)
        let text = ([header] + rows).map { $0 + "\r\n" }.joined()
        let stored = try await BlockingIO.run { try binaries.store(Array(text.utf8)) }
        command.resultBlob = stored.digest
        command.result = JSONObject([("url", .string("nxbigblob/\(command.id)"))])
    })

    /// The property columns: each field of each requested schema (sorted by schema, then field name), then the xpaths.
    static func csvColumns(_ params: JSONObject, _ registry: SchemaRegistry) -> [String] {
        var columns: [String] = []
        for name in ((try? stringList(params["schemas"] ?? .null, "schemas")) ?? []).sorted() {
            guard let schema = registry.schemas[name] else { continue }
            columns += schema.fields.map(\.name).sorted().map { "\(schema.prefix):\($0)" }
        }
        columns += ((try? stringList(params["xpaths"] ?? .null, "xpaths")) ?? []).sorted()
        return columns
    }

    /// One document's row.
    static func csvRow(_ d: DocumentRecord, columns: [String], repository: String) -> String {
        func flag(_ value: Bool) -> String { value ? "true" : "false" }
        var values: [String] = [
            repository, d.id, d.path, d.type, d.state ?? "", d.parentId ?? "", flag(d.isCheckedOut), flag(d.isVersion), flag(d.isProxy),
            d.isProxy ? d.proxyTargetId ?? "" : "", d.isVersion || d.isProxy ? d.versionableId ?? "" : "", d.changeTokenString,
            flag(d.isTrashed), d.properties["dc:title"]?.stringValue ?? "", d.versionLabel ?? "", d.lockOwner ?? "",
            d.lockCreated.map { NXDate.format(millis: $0) } ?? "", d.properties["dc:modified"]?.stringValue ?? "",
        ]
        for column in columns { values.append(csvValue(value(at: column, in: d.properties), column)) }
        return csvLine(values)
    }

    /// The value at an xpath (`dc:title`, `file:content/name`, `dc:subjects/0`).
    static func value(at xpath: String, in properties: JSONObject) -> JSONValue? {
        let segments = xpath.split(separator: "/").map(String.init)
        guard let first = segments.first, var current = properties[first] else { return nil }
        for segment in segments.dropFirst() {
            if let index = Int(segment), case .array(let items) = current, items.indices.contains(index) {
                current = items[index]
            } else if let object = current.objectValue, let next = object[segment] {
                current = next
            } else {
                return nil
            }
        }
        return current
    }

    /// A value as Nuxeo's CSV writer prints it: scalars as text, lists joined with ` | `, complex values unsupported; the
    /// leading characters a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) removed.
    static func csvValue(_ value: JSONValue?, _ column: String) -> String {
        let text: String
        switch value {
        case nil, .null?: return ""
        case .array(let items)?: text = items.map { csvValue($0, column) }.joined(separator: " | ")
        case .object?: text = "type \(column.split(separator: "/").last.map { String($0.split(separator: ":").last ?? $0) } ?? column) is not supported"
        case .string(let s)?: text = s
        case .bool(let b)?: text = b ? "true" : "false"
        case let other?: text = String(decoding: other.jsonBytes(), as: UTF8.self)
        }
        return String(text.drop { "=+-@\t\r".contains($0) })
    }

    /// A CSV record (RFC 4180, minimal quoting).
    static func csvLine(_ values: [String]) -> String {
        values.map { value in
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    /// A list-of-strings parameter (a JSON array, or one string).
    static func stringList(_ value: JSONValue, _ name: String) throws -> [String] {
        switch value {
        case .null: return []
        case .string(let s): return [s]
        case .array(let items):
            return try items.map { item in
                guard let s = item.stringValue else { throw BulkAction.invalidParameter(name) }
                return s
            }
        default: throw BulkAction.invalidParameter(name)
        }
    }
}

import Foundation
import GRDB
import NXRuntime

extension SQLiteSession {
    func query(_ query: CompiledQuery, limit: Int, offset: Int) throws -> [DocumentRecord] {
        let order = (query.orderBy + ["d.rowid ASC"]).joined(separator: ", ")
        let sql = "SELECT \(Self.qualifiedColumns) FROM documents d WHERE \(query.condition.sql) ORDER BY \(order) LIMIT ? OFFSET ?"
        let arguments = Self.arguments(query.condition.arguments + [.integer(Int64(limit)), .integer(Int64(offset))])
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(Self.record)
    }

    func count(_ query: CompiledQuery, upTo: Int) throws -> Int {
        var values = query.condition.arguments
        var inner = "SELECT 1 FROM documents d WHERE \(query.condition.sql)"
        if upTo > 0 {
            inner += " LIMIT ?"
            values.append(.integer(Int64(upTo == Int.max ? upTo : upTo + 1)))
        }
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM (\(inner))"), arguments: Self.arguments(values)) ?? 0
    }

    /// Highlights of `documents` for a fulltext query: each requested field's values are matched against the query's
    /// terms in a per-connection temporary FTS5 table (the same tokenizer as the index), so the database finds the
    /// occurrences; `Highlighting` cuts them into fragments.
    func highlights(_ documents: [DocumentRecord], fulltext: String, fields: [String]) throws -> [String: [String: [String]]] {
        guard !documents.isEmpty, !fields.isEmpty, let match = FulltextQuery.anyTerm(fulltext) else { return [:] }
        try db.execute(sql: """
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.nx_highlight USING fts5(doc UNINDEXED, field UNINDEXED, value,
            tokenize = 'unicode61 remove_diacritics 2')
            """)
        try db.execute(sql: "DELETE FROM temp.nx_highlight")
        let insert = try db.cachedStatement(sql: "INSERT INTO temp.nx_highlight (doc, field, value) VALUES (?, ?, ?)")
        for document in documents {
            for field in fields {
                for text in Highlighting.texts(of: field, in: document.properties) {
                    try insert.execute(arguments: [document.id, field, text])
                }
            }
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT doc, field, highlight(nx_highlight, 2, ?, ?) FROM temp.nx_highlight WHERE nx_highlight MATCH ? ORDER BY rowid
            """, arguments: [Highlighting.open, Highlighting.close, match])
        try db.execute(sql: "DELETE FROM temp.nx_highlight")
        var result: [String: [String: [String]]] = [:]
        for row in rows {
            let id: String = row[0], field: String = row[1], marked: String = row[2]
            let fragments = Highlighting.fragments(marked)
            if !fragments.isEmpty { result[id, default: [:]][field, default: []] += fragments }
        }
        return result
    }

    func terms(_ query: CompiledQuery, value: AggregateSource, limit: Int) throws -> [(String, Int)] {
        let sql: String
        switch value {
        case .scalar(let expression):
            sql = """
                SELECT \(expression) AS k, COUNT(*) AS n FROM documents d WHERE \(query.condition.sql) AND \(expression) IS NOT NULL
                GROUP BY k ORDER BY n DESC, k ASC LIMIT ?
                """
        case .elements(let arrayPath, let elementPath):
            let element = elementPath == "$" ? "t.value" : "json_extract(t.value, '\(elementPath)')"
            sql = """
                SELECT \(element) AS k, COUNT(DISTINCT d.rowid) AS n FROM documents d, json_each(d.properties, '\(arrayPath)') AS t
                WHERE \(query.condition.sql) AND \(element) IS NOT NULL GROUP BY k ORDER BY n DESC, k ASC LIMIT ?
                """
        }
        let rows = try Row.fetchAll(db, sql: sql, arguments: Self.arguments(query.condition.arguments + [.integer(Int64(limit))]))
        return rows.map { row in
            let key: DatabaseValue = row[0]
            let text: String
            switch key.storage {
            case .string(let s): text = s
            case .int64(let i): text = String(i)
            case .double(let d): text = String(d)
            default: text = ""
            }
            return (text, row[1])
        }
    }

    func countEach(_ query: CompiledQuery, conditions: [SQLFragment]) throws -> [Int] {
        guard !conditions.isEmpty else { return [] }
        let select = conditions.map { "COALESCE(SUM(CASE WHEN \($0.sql) THEN 1 ELSE 0 END), 0)" }.joined(separator: ", ")
        let values = conditions.flatMap(\.arguments) + query.condition.arguments
        guard let row = try Row.fetchOne(db, sql: "SELECT \(select) FROM documents d WHERE \(query.condition.sql)", arguments: Self.arguments(values)) else {
            return conditions.map { _ in 0 }
        }
        return (0..<conditions.count).map { row[$0] }
    }

    static let qualifiedColumns = columns.split(separator: ",").map { column -> String in
        let name = column.trimmingCharacters(in: .whitespacesAndNewlines.union(["\\"]))
        return name == "path" ? "CASE WHEN d.is_version = 1 THEN COALESCE((SELECT l.path FROM documents l WHERE l.id = d.versionable_id), d.path) ELSE d.path END" : "d." + name
    }.joined(separator: ", ")

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: return nil
            case .integer(let i): return i
            case .double(let d): return d
            case .text(let s): return s
            }
        })
    }
}

/// The text a document contributes to the fulltext index: its title, and every string value (dates excluded).
enum FulltextText {
    static func extract(_ properties: JSONObject) -> (title: String, text: String) {
        var parts: [String] = []
        func collect(_ value: JSONValue) {
            // A blob contributes its file name; its text comes from the binary (the index's `binary` column).
            if let blob = BlobValue(stored: value) {
                if let name = blob.name { parts.append(name) }
                return
            }
            switch value {
            case .string(let s) where !isWireDate(s): parts.append(s)
            case .array(let items): items.forEach(collect)
            case .object(let object): object.forEach { collect($0.value) }
            default: break
            }
        }
        for (_, value) in properties { collect(value) }
        return (properties["dc:title"]?.stringValue ?? "", parts.joined(separator: " "))
    }

    /// `2014-06-06T10:23:59.760Z`: the stored date format.
    static func isWireDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 24 && u[4] == UInt8(ascii: "-") && u[10] == UInt8(ascii: "T") && u[23] == UInt8(ascii: "Z")
    }
}

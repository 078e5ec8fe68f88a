import Foundation
import NXRuntime

extension SQLSession {
    /// A page of the query's matches. On PostgreSQL in two steps in the one snapshot: the page's row ids, which the
    /// covering property indexes give without reading a document row (`PostgresMigrations.propertyColumns`), then
    /// those rows by primary key; in one statement, the planner fetched every match's row to sort them (15 ms for a
    /// date range of 8,000 matches among 1,000,000 documents, against 1.5 ms). SQLite answers in one statement: two steps
    /// were no faster there (an administrator's indexed equality at 1,000,000 documents, p50 5.2–5.4 ms against 3.4–5.3 ms
    /// in one, and queries under many ACLs unchanged, in alternating runs of one build).
    func query(_ query: CompiledQuery, limit: Int, offset: Int) throws -> [DocumentRecord] {
        try self.query(query, limit: limit, offset: offset, rowsPerLookup: Self.rowsPerLookup)
    }

    /// `query(_:limit:offset:)`, looking the page's rows up `rowsPerLookup` at a time on PostgreSQL.
    func query(_ query: CompiledQuery, limit: Int, offset: Int, rowsPerLookup: Int) throws -> [DocumentRecord] {
        let page = query.condition.arguments + [.integer(Int64(limit)), .integer(Int64(offset))]
        guard db.dialect.backend == .postgres else {
            return try db.rows(Self.pageStatement(query, selecting: Self.qualifiedColumns), page).map(Self.record)
        }
        let rowids = try db.values(Int64.self, Self.pageStatement(query, selecting: "d.rowid"), page)
        var byRowid: [Int64: DocumentRecord] = [:]
        byRowid.reserveCapacity(rowids.count)
        var start = 0
        while start < rowids.count {
            let chunk = Array(rowids[start..<min(rowids.count, start + max(1, rowsPerLookup))])
            start += chunk.count
            let rows = try db.all("SELECT d.rowid, \(Self.qualifiedColumns) FROM documents d WHERE d.rowid IN (\(placeholders(chunk.count)))", chunk)
            for row in rows {
                byRowid[row[0]] = Self.record(SQLRow(values: Array(row.values.dropFirst()), columns: Array(row.columns.dropFirst())))
            }
        }
        return rowids.compactMap { byRowid[$0] }
    }

    /// The most row ids one statement of `query(_:limit:offset:)` looks up on PostgreSQL (a page may be larger than its
    /// limit of 65,535 bound arguments).
    static let rowsPerLookup = 1_000

    /// The statement of a page of `query`, selecting `columns` (arguments: the condition's, then limit and offset):
    /// the documents' columns on SQLite, the row ids as PostgreSQL's first step of `query`.
    static func pageStatement(_ query: CompiledQuery, selecting columns: String) -> String {
        let order = (query.orderBy + ["\(query.rowidOrder) ASC"]).joined(separator: ", ")
        return "SELECT \(columns) FROM \(query.from) WHERE \(query.condition.sql) ORDER BY \(order) LIMIT ? OFFSET ?"
    }

    func count(_ query: CompiledQuery, upTo: Int) throws -> Int {
        var values = query.condition.arguments
        if upTo > 0 { values.append(.integer(Int64(upTo == Int.max ? upTo : upTo + 1))) }
        return try db.rows(Self.countStatement(query, bounded: upTo > 0), values).first.map { $0[0] } ?? 0
    }

    /// The count of a query's matches (arguments: the condition's, then the bound when `bounded`).
    static func countStatement(_ query: CompiledQuery, bounded: Bool) -> String {
        "SELECT COUNT(*) FROM (SELECT 1 FROM \(query.from) WHERE \(query.condition.sql)\(bounded ? " LIMIT ?" : "")) AS matches"
    }

    /// Highlights of `documents` for a fulltext query: the database finds the occurrences of the query's terms in each
    /// requested field's values (with the index's own tokenizer), marked with `Highlighting.open`/`close`;
    /// `Highlighting` cuts them into fragments.
    func highlights(_ documents: [DocumentRecord], fulltext: String, fields: [String]) throws -> [String: [String: [String]]] {
        guard !documents.isEmpty, !fields.isEmpty else { return [:] }
        var values: [(id: String, field: String, text: String)] = []
        for document in documents {
            for field in fields {
                for text in Highlighting.texts(of: field, in: document.properties) { values.append((document.id, field, text)) }
            }
        }
        let marked = try db.dialect.backend == .sqlite ? fts5Highlights(values, fulltext: fulltext) : tsHighlights(values, fulltext: fulltext)
        var result: [String: [String: [String]]] = [:]
        for (id, field, text) in marked {
            let fragments = Highlighting.fragments(text)
            if !fragments.isEmpty { result[id, default: [:]][field, default: []] += fragments }
        }
        return result
    }

    /// SQLite: the values go through a per-connection temporary FTS5 table with the index's tokenizer.
    private func fts5Highlights(_ values: [(id: String, field: String, text: String)], fulltext: String) throws -> [(String, String, String)] {
        guard let match = FulltextQuery.anyTerm(fulltext) else { return [] }
        try db.execute("""
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.nx_highlight USING fts5(doc UNINDEXED, field UNINDEXED, value,
            tokenize = 'unicode61 remove_diacritics 2')
            """)
        try db.execute("DELETE FROM temp.nx_highlight")
        for value in values {
            try db.execute("INSERT INTO temp.nx_highlight (doc, field, value) VALUES (?, ?, ?)", [value.id, value.field, value.text])
        }
        let rows = try db.all("""
            SELECT doc, field, highlight(nx_highlight, 2, ?, ?) FROM temp.nx_highlight WHERE nx_highlight MATCH ? ORDER BY rowid
            """, [Highlighting.open, Highlighting.close, match])
        try db.execute("DELETE FROM temp.nx_highlight")
        return rows.map { ($0[0], $0[1], $0[2]) }
    }

    /// PostgreSQL: `ts_headline` over each value whose tsvector matches the query's terms (any of them).
    private func tsHighlights(_ values: [(id: String, field: String, text: String)], fulltext: String) throws -> [(String, String, String)] {
        guard let match = PostgresFulltextQuery.anyTerm(fulltext) else { return [] }
        let options = "StartSel=\(Highlighting.open), StopSel=\(Highlighting.close), HighlightAll=true"
        var result: [(String, String, String)] = []
        for value in values {
            guard let marked = try db.value(String.self, """
                SELECT ts_headline('nx_fulltext', CAST(? AS text), to_tsquery('nx_fulltext', ?), ?)
                WHERE to_tsvector('nx_fulltext', CAST(? AS text)) @@ to_tsquery('nx_fulltext', ?)
                """, [value.text, match, options, value.text, match])
            else { continue }
            result.append((value.id, value.field, marked))
        }
        return result
    }

    func terms(_ query: CompiledQuery, value: AggregateSource, limit: Int) throws -> [(String, Int)] {
        let sql: String
        switch value {
        case .scalar(let expression):
            sql = """
                SELECT \(expression) AS k, COUNT(*) AS n FROM \(query.from) WHERE \(query.condition.sql) AND \(expression) IS NOT NULL
                GROUP BY k ORDER BY n DESC, k ASC LIMIT ?
                """
        case .elements(let arrayPath, let elementPath):
            let element = db.dialect.jsonScalar(of: db.dialect.valueColumn("t"), elementPath)
            sql = """
                SELECT \(element) AS k, COUNT(DISTINCT d.rowid) AS n FROM \(query.from), \(db.dialect.jsonElements(arrayPath, alias: "t"))
                WHERE \(query.condition.sql) AND \(element) IS NOT NULL GROUP BY k ORDER BY n DESC, k ASC LIMIT ?
                """
        }
        return try db.rows(sql, query.condition.arguments + [.integer(Int64(limit))]).map { row in (row[0], row[1]) }
    }

    func countEach(_ query: CompiledQuery, conditions: [SQLFragment]) throws -> [Int] {
        guard !conditions.isEmpty else { return [] }
        let select = conditions.map { "COALESCE(SUM(CASE WHEN \($0.sql) THEN 1 ELSE 0 END), 0)" }.joined(separator: ", ")
        let values = conditions.flatMap(\.arguments) + query.condition.arguments
        guard let row = try db.rows("SELECT \(select) FROM \(query.from) WHERE \(query.condition.sql)", values).first else {
            return conditions.map { _ in 0 }
        }
        return (0..<conditions.count).map { row[$0] }
    }

    static let qualifiedColumns = columns.split(separator: ",").map { column -> String in
        let name = column.trimmingCharacters(in: .whitespacesAndNewlines.union(["\\"]))
        return name == "path" ? "CASE WHEN d.is_version = 1 THEN COALESCE((SELECT l.path FROM documents l WHERE l.id = d.versionable_id), d.path) ELSE d.path END" : "d." + name
    }.joined(separator: ", ")
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

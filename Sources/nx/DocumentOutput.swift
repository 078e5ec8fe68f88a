import NXClient

/// Prints documents as a table (type, title, path, uid) or as the server's JSON.
enum DocumentOutput {
    static func print(_ documents: [DocumentEntity], _ format: OutputFormat) {
        switch format {
        case .json:
            Terminal.line("[" + documents.map { String(decoding: $0.jsonBytes(), as: UTF8.self) }.joined(separator: ",") + "]")
        case .table:
            var table = Table(header: ["TYPE", "TITLE", "PATH", "UID"])
            table.rows = documents.map { [$0.type, $0.title, $0.path, $0.uid] }
            Terminal.write(table.render())
        }
    }

    /// One document: its JSON, or a table of its fields and properties.
    static func print(_ document: DocumentEntity, _ format: OutputFormat) {
        switch format {
        case .json:
            Terminal.line(String(decoding: document.jsonBytes(), as: UTF8.self))
        case .table:
            var table = Table(header: ["FIELD", "VALUE"], maxWidth: 100)
            table.rows = [["uid", document.uid], ["path", document.path], ["type", document.type],
                          ["title", document.title], ["state", document.state ?? ""], ["changeToken", document.changeToken ?? ""]]
            if let owner = document.lockOwner { table.rows.append(["lockOwner", owner]) }
            for (key, value) in document.properties ?? JSONObject() {
                let text = value == .null ? "" : value.stringValue ?? String(decoding: NXClientCore.jsonBytes(value), as: UTF8.self)
                table.rows.append([key, text])
            }
            Terminal.write(table.render())
        }
    }

    /// Any JSON value, as JSON (tables are for documents and lists).
    static func print(_ value: JSONValue) {
        Terminal.line(String(decoding: NXClientCore.jsonBytes(value), as: UTF8.self))
    }
}

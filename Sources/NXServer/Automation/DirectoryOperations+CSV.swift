import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// `Directory.LoadFromCSV` (Nuxeo's `DirectoryService.loadFromCSV`, `DirectoryCSVLoader`).
extension DocumentOperations {
    /// Loads the entries of the input CSV file (a header row of schema field names, then one entry per row; `__NULL__`
    /// is null, list values are `|`-separated). `dataLoadingPolicy`: `error_on_duplicate` (or `legacy`) creates every row
    /// (an existing id → 409), `skip_duplicate` keeps existing entries, `update_duplicate` updates them.
    func directoryLoadFromCSV(_ input: Value, _ params: DirectoryLoadFromCSVParams, context: Context) async throws -> Value {
        let service = try context.directories()
        try context.checkCanManageDirectories(params.directoryName, service)
        let policy = params.dataLoadingPolicy
        guard ["error_on_duplicate", "legacy", "skip_duplicate", "update_duplicate"].contains(policy) else {
            throw NXError.invalid("Illegal dataLoadingPolicy: \(policy)")
        }
        let definition = try service.directory(params.directoryName)
        guard let schema = context.repository.registry.schemas[definition.schema] else { throw NXError.notFound("Directory \(params.directoryName) was not found") }
        guard let blob = try context.blobs(input).first else { throw NXError.invalid("dataBlob must not be null") }
        let text = try Self.text(of: blob, context: context)
        var rows = CSVReader.rows(text)
        guard !rows.isEmpty else { return .void }
        let header = rows.removeFirst()
        var fields: [Field] = []
        for column in header {
            guard let field = schema.fields.first(where: { $0.name == column.trimmingWhitespace }) else {
                throw NXError.invalid("Column not found: \(column) in schema: \(schema.name)")
            }
            fields.append(field)
        }
        for (index, row) in rows.enumerated() {
            let line = index + 2
            if row.isEmpty || (row.count == 1 && row[0].trimmingWhitespace.isEmpty) { continue }
            guard row.count == fields.count else {
                context.call.logger.error("Invalid column count while reading CSV file: \(blob.name ?? ""), line: \(line)")
                continue
            }
            var entry = JSONObject()
            for (field, value) in zip(fields, row) {
                if value == "__NULL__" { entry[field.name] = .null; continue }
                if case .list = field.type {
                    entry[field.name] = .array(value.split(separator: "|").map { .string(String($0)) })
                } else {
                    entry[field.name] = .string(value)
                }
            }
            do {
                try await load(entry, policy: policy, definition: definition, service: service)
            } catch let error as NXError {
                throw NXError(error.code, "\(error.message) (At line: \(line))")
            }
        }
        return .void
    }

    private func load(_ entry: JSONObject, policy: String, definition: DirectoryDefinition, service: DirectoryService) async throws {
        if policy == "error_on_duplicate" || policy == "legacy" {
            _ = try await service.create(definition.name, properties: entry)
            return
        }
        guard let raw = entry[definition.idField], !raw.isNull else { throw NXError.invalid("A line is missing the entry id") }
        let id = raw.plainText
        if try await service.entry(definition.name, id: id) == nil {
            _ = try await service.create(definition.name, properties: entry)
        } else if policy == "update_duplicate" {
            _ = try await service.update(definition.name, id: id, properties: entry)
        }
    }

    /// The UTF-8 text of a stored file, at most the upload limit.
    static func text(of blob: BlobValue, context: OperationContext) throws -> String {
        guard blob.length <= context.maxUploadSize else { throw NXError.invalid("The CSV file is larger than the upload limit") }
        guard let path = context.repository.binaries?.file(blob.digest) else { throw NXError.notFound("Blob \(blob.digest) not found") }
        let reader = try FileReader(path: path)
        defer { reader.close() }
        let bytes = try reader.read(at: 0, maxCount: Int(blob.length))
        guard let text = String(validating: bytes, as: UTF8.self) else { throw NXError.invalid("The CSV file is not UTF-8 text") }
        return text
    }
}

/// RFC 4180 CSV (Apache Commons CSV `DEFAULT`): comma-separated, `"`-quoted fields with `""` escapes, CRLF or LF rows.
enum CSVReader {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let c = pending {
            pending = iterator.next()
            if quoted {
                if c == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = iterator.next() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\r": continue
            case "\n": row.append(field); rows.append(row); row = []; field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

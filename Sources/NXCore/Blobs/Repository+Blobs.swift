import NXRuntime

extension Repository {
    /// Nuxeo's `mimetypeIconUpdater` on save: every blob that changed gets a detected mime type when it has none or a
    /// generic one (from its name, else from its first bytes), aliases are normalized, and when `file:content`
    /// changed, `common:icon` follows its type.
    func prepareBlobs(_ values: inout JSONObject, previous: JSONObject, type: DocumentType) {
        let before = Dictionary(BlobValue.all(in: previous).map { ($0.xpath, $0.blob) }, uniquingKeysWith: { a, _ in a })
        for (xpath, blob) in BlobValue.all(in: values) where before[xpath] != blob {
            let detected = detectMimeType(blob)
            if detected != blob.mimeType {
                var fixed = blob
                fixed.mimeType = detected
                _ = BlobXPath.set(fixed.json, at: xpath, in: &values)
            }
        }
        guard type.hasSchema("common"), values["file:content"] != previous["file:content"] else { return }
        if let blob = BlobValue(stored: values["file:content"]), let mime = blob.mimeType {
            values["common:icon"] = .string(MimeTypes.icon(for: mime))
        }
    }

    /// The mime type a stored blob should carry (see `MimeTypes.detect`); its first 8 KiB are read when needed.
    public func detectMimeType(_ blob: BlobValue) -> String {
        var prefix: [UInt8] = []
        let declared = blob.mimeType.map { $0.trimmingWhitespace } ?? ""
        if declared.isEmpty || declared.lowercased().hasPrefix("application/octet-stream"), blob.name.flatMap(MimeTypes.forFilename) == nil,
           let path = binaries?.file(blob.digest), let reader = try? FileReader(path: path) {
            prefix = (try? reader.read(at: 0, maxCount: 8192)) ?? []
            reader.close()
        }
        return MimeTypes.detect(declared: blob.mimeType, filename: blob.name, prefix: prefix)
    }

    /// The blob at `xpath` of a document the principal can read, with the canonical xpath: `blobholder:N`, a
    /// prefix-less path and a schema-qualified one are accepted. A Note's `blobholder:0` is its text (`noteBlob`).
    /// Unknown xpath → 404 `Invalid xpath: <xpath>`; nil when the property is empty.
    public func blob(of document: DocumentRecord, xpath: String) throws -> (xpath: String, blob: BlobValue?) {
        guard let type = registry.type(of: document) else { throw NXError.notFound("Invalid xpath: \(xpath)") }
        guard let canonical = BlobXPath.resolve(xpath, type: type, properties: document.properties) else {
            if xpath.hasPrefix("blobholder:"), BlobXPath.holderXPaths(type: type, properties: document.properties).isEmpty {
                throw NXError.notFound(type.hasSchema("note") ? "Invalid xpath: \(xpath)" : "No BlobHolder found")
            }
            throw NXError.notFound("Invalid xpath: \(xpath)")
        }
        return (canonical, BlobXPath.blob(canonical, in: document.properties))
    }

    /// A Note's text as its blob holder's blob (`DocumentStringBlobHolder`): `note:mime_type` (text/plain by default),
    /// named after the title with the type's extension, with its bytes; nil for documents without the note schema or text.
    public func noteBlob(of document: DocumentRecord) -> (blob: BlobValue, bytes: [UInt8])? {
        guard let type = registry.type(of: document), type.hasSchema("note"), !type.hasSchema("file"),
              let text = document.properties["note:note"]?.stringValue, !text.isEmpty
        else { return nil }
        let mimeType = document.properties["note:mime_type"]?.stringValue ?? "text/plain"
        let ext: String
        switch mimeType {
        case "text/html": ext = ".html"
        case "text/xml": ext = ".xml"
        case "text/x-web-markdown": ext = ".md"
        default: ext = ".txt"
        }
        let bytes = Array(text.utf8)
        let algorithm = binaries?.digestAlgorithm ?? .md5
        return (BlobValue(name: document.title + ext, mimeType: mimeType, encoding: "UTF-8", digest: algorithm.digest(of: bytes),
                          digestAlgorithm: algorithm.rawValue, length: Int64(bytes.count)), bytes)
    }

    /// A Note's text blob stored in the binary store, so it can flow through operations like any file.
    public func storedNoteBlob(of document: DocumentRecord) throws -> BlobValue? {
        guard let (blob, bytes) = noteBlob(of: document), let binaries else { return nil }
        _ = try binaries.store(bytes)
        return blob
    }

    /// Every blob of a document's default blob holder, main blob first (`Document.GetBlobs`, `blobholder:N`).
    public func holderBlobs(of document: DocumentRecord) -> [(xpath: String, blob: BlobValue)] {
        guard let type = registry.type(of: document) else { return [] }
        return BlobXPath.holderXPaths(type: type, properties: document.properties).compactMap { xpath in
            BlobXPath.blob(xpath, in: document.properties).map { (xpath, $0) }
        }
    }

    /// Sets (or with nil, removes) the blob at a canonical blob xpath and saves: a list xpath (`files:files`) gets the
    /// blob appended as a new item; a list item is removed on nil. Returns the saved document.
    public func setBlob(_ blob: BlobValue?, at xpath: String, of ref: DocumentRef, principal: Principal,
                        versioning: VersionIncrement? = nil) async throws -> DocumentRecord {
        let time = now()
        return try await write { tx in
            var document = try Self.resolve(ref, tx)
            try self.checkWritable(document, principal: principal.name)
            try self.check("WriteProperties", on: document, principal, tx)
            guard let type = self.registry.type(of: document) else { throw NXError.internal("type \(document.type) unknown") }
            var values = document.properties
            let canonical = BlobXPath.resolve(xpath, type: type, properties: values) ?? BlobXPath.qualified(xpath, type: type) ?? xpath
            switch BlobXPath.fieldType(canonical, type: type) {
            case .blob?:
                if canonical.contains("/") {
                    guard BlobXPath.set(blob?.json ?? .null, at: canonical, in: &values) else {
                        throw NXError.invalid("Failed to attach file into property: \(xpath)")
                    }
                } else {
                    values[canonical] = blob?.json
                }
            case .complexList(let fields)?:
                var items = values[canonical]?.arrayValue ?? []
                if let blob {
                    guard fields.count == 1, let field = fields.first, field.type == .blob else {
                        throw NXError.invalid("Failed to attach file into property: \(xpath)")
                    }
                    items.append(.object(JSONObject([(field.name, blob.json)])))
                } else {
                    items = []
                }
                values[canonical] = items.isEmpty ? nil : .array(items)
            case .list(.blob)?:
                var items = values[canonical]?.arrayValue ?? []
                if let blob { items.append(blob.json) } else { items = [] }
                values[canonical] = items.isEmpty ? nil : .array(items)
            default:
                throw NXError.invalid("Failed to attach file into property: \(xpath)")
            }
            self.prepareBlobs(&values, previous: document.properties, type: type)
            guard values != document.properties else { return document }
            Self.applyDublinCore(&values, type: type, principal: principal.name, time: time, creating: false)
            document.properties = values
            document.modified = time
            document.sysChangeToken += 1
            document.changeToken += 1
            if !document.isCheckedOut && self.isVersionable(document) { document.isCheckedOut = true }
            try tx.update(document)
            try tx.appendAudit(self.auditEntry(AuditEvent.modified, document, principal: principal.name, time: time))
            if let versioning, self.isVersionable(document) {
                return try self.checkIn(&document, versioning, comment: nil, principal: principal.name, time: time, tx)
            }
            return document
        }
    }
}

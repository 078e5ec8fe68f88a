import NXRuntime

/// The bulk actions the core implements (the server adds `automation`). Their ids and rules are declared in
/// `Spec/bulk/actions.yaml`.
public enum BulkActions {
    /// Every core action.
    public static func core() -> [BulkAction] {
        [setProperties, setSystemProperties, trash, removeProxy, index, extractBinaryFulltext, csvExport, garbageCollectOrphanVersions,
         garbageCollectOrphanBlobs]
    }

    /// `setProperties`: writes the `xpath: value` parameters on each document, as its user (WriteProperties checked);
    /// `disableAuditLogger` writes no audit entry, `VersioningOption` (`MINOR`/`MAJOR`/`NONE`) checks in a version.
    public static let setProperties = BulkAction(id: "setProperties", validate: { params, repository in
        let keys = Self.propertyKeys(repository.registry)
        for (name, value) in params {
            switch name {
            case "disableAuditLogger": guard value.boolValue != nil || value.stringValue != nil else { throw BulkAction.invalidParameter(name) }
            case "VersioningOption": guard versioning(value) != nil else { throw BulkAction.invalidParameter(name) }
            default:
                let field = String(name.split(separator: "/").first ?? "")
                guard keys.contains(field) else { throw NXError.invalid("Unknown xpath \(name) in command") }
            }
        }
    }, processing: .transactional { step in
        var properties = step.command.params
        let audit = !(flag(properties["disableAuditLogger"]))
        let option: VersionIncrement? = versioning(properties["VersioningOption"] ?? .null) ?? nil
        properties["disableAuditLogger"] = nil
        properties["VersioningOption"] = nil
        try step.update(properties: properties, versioning: option, audit: audit)
        return .processed
    })

    /// `setSystemProperties` (administrators): `ecm:isTrashed` trashes or restores each document.
    public static let setSystemProperties = BulkAction(id: "setSystemProperties", validate: { params, _ in
        for (name, value) in params {
            guard name == "ecm:isTrashed" else { throw BulkAction.unknownParameter(name) }
            guard value.boolValue != nil || ["true", "false"].contains(value.stringValue ?? "") else { throw BulkAction.invalidParameter(name) }
        }
    }, processing: .transactional { step in
        guard let value = step.command.params["ecm:isTrashed"] else { return .skipped }
        return try step.setTrashed(flag(value)) ? .processed : .skipped
    })

    /// `trash`: `value` true (the default) trashes each document, false restores it.
    public static let trash = BulkAction(id: "trash", validate: { params, _ in
        for (name, value) in params {
            guard name == "value" else { throw BulkAction.unknownParameter(name) }
            guard value.boolValue != nil || ["true", "false"].contains(value.stringValue ?? "") else { throw BulkAction.invalidParameter(name) }
        }
    }, processing: .transactional { step in
        try step.setTrashed(step.command.params["value"].map(flag) ?? true) ? .processed : .skipped
    })

    /// `removeProxy`: removes each document that is a proxy (Remove checked); others are skipped.
    public static let removeProxy = BulkAction(id: "removeProxy", validate: noParameters, processing: .transactional { step in
        try step.removeProxy() ? .processed : .skipped
    })

    /// `index` (the Elasticsearch reindex of Nuxeo's management API): rebuilds each document's fulltext entry from its
    /// stored properties and extracted file text. A reindex of the whole repository is exclusive.
    public static let index = BulkAction(id: "index", validate: noParameters, processing: .transactional { step in
        try step.reindex()
        return .processed
    })

    /// `extractBinaryFulltext`: queues the text extraction of each document's files; `force` extracts again text already
    /// known.
    public static let extractBinaryFulltext = BulkAction(id: "extractBinaryFulltext", validate: { params, _ in
        for (name, _) in params where name != "force" { throw BulkAction.unknownParameter(name) }
    }, processing: .transactional { step in
        let blobs = BlobValue.all(in: step.document.properties)
        guard !blobs.isEmpty else { return .skipped }
        let force = step.command.params["force"].map(flag) ?? false
        for (_, blob) in blobs {
            try step.tx.queueBinaryText(digest: blob.digest, mimeType: blob.mimeType ?? "", force: force, time: step.time)
        }
        return .processed
    })

    /// `garbageCollectOrphanVersions`: removes versions whose live document is gone and that no proxy shows.
    public static let garbageCollectOrphanVersions = BulkAction(id: "garbageCollectOrphanVersions", exclusive: true,
                                                                validate: noParameters, processing: .transactional { step in
        let version = step.document
        guard version.isVersion, let seriesId = version.versionableId else { return .skipped }
        guard try !step.tx.documentExists(id: seriesId), try step.tx.proxies(versionableId: seriesId, parentId: nil).isEmpty else { return .skipped }
        try step.repository.deleteVersion(version, principal: step.principal.name, time: step.time, step.tx)
        return .processed
    })

    /// `garbageCollectOrphanBlobs`: the mark and sweep of the binary store (`dryRun` counts without deleting); the result
    /// holds the counts and sizes.
    public static let garbageCollectOrphanBlobs = BulkAction(id: "garbageCollectOrphanBlobs", exclusive: true, validate: { params, _ in
        for (name, _) in params where name != "dryRun" { throw BulkAction.unknownParameter(name) }
    }, processing: .whole { command, repository in
        let status = try await repository.collectOrphanBinaries(delete: !flag(command.params["dryRun"]))
        let scanned = Int(clamping: status.numBinaries + status.numBinariesGC)
        let result = JSONObject([("deletedSize", .int(status.sizeBinariesGC)), ("totalSize", .int(status.sizeBinaries + status.sizeBinariesGC))])
        return BulkWholeOutcome(processed: scanned, skipped: Int(clamping: status.numBinaries), result: result)
    })

    static func noParameters(_ params: JSONObject, _ repository: Repository) throws {
        if let name = params.keys.first { throw BulkAction.unknownParameter(name) }
    }

    /// A boolean parameter: a JSON boolean or the text `true`.
    static func flag(_ value: JSONValue?) -> Bool {
        value?.boolValue ?? (value?.stringValue?.lowercased() == "true")
    }

    /// `VersioningOption`: nil when invalid, `.some(nil)` for `NONE`.
    static func versioning(_ value: JSONValue) -> VersionIncrement?? {
        switch value.stringValue?.uppercased() {
        case "MINOR": return .some(.minor)
        case "MAJOR": return .some(.major)
        case "NONE": return .some(nil)
        default: return nil
        }
    }

    /// Every property key of every schema (`dc:title`, `file:content`…).
    static func propertyKeys(_ registry: SchemaRegistry) -> Set<String> {
        var keys = Set<String>()
        for schema in registry.schemas.values {
            for field in schema.fields {
                keys.insert("\(schema.prefix):\(field.name)")
                keys.insert("\(schema.name):\(field.name)")
            }
        }
        return keys
    }
}

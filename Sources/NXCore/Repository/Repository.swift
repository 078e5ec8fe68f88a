import Foundation
import Logging
import NXRuntime

/// The content repository: documents, their schemas and the rules of create, read, update and delete.
/// Knows nothing of HTTP; errors are `NXError`s.
public final class Repository: Sendable {
    /// Repository name (`default`).
    public let name: String
    /// Schemas and types.
    public let registry: SchemaRegistry
    /// Storage backend.
    public let store: any DocumentStore
    /// Where blob contents live (nil: blob values are refused).
    public let binaries: (any BinaryStore)?
    /// Clock, ms since 1970 (injectable for tests).
    let now: @Sendable () -> Int64
    /// Recently read documents (disabled with `cacheCapacity: 0`).
    let cache: DocumentCache
    /// Read ACL texts by id (immutable rows).
    let readACLCache = ReadACLCache()
    /// Recorded principal sets by their names (`principalSet(_:)`).
    let principalSets = PrincipalSetCache()

    /// A repository over `store`.
    public init(name: String = "default", registry: SchemaRegistry, store: any DocumentStore,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }, cacheCapacity: Int = 10_000,
                binaries: (any BinaryStore)? = nil) {
        self.name = name
        self.registry = registry
        self.store = store
        self.binaries = binaries
        self.now = now
        self.cache = DocumentCache(capacity: cacheCapacity)
    }

    /// What the document cache served since the process started.
    public var documentCacheStatistics: DocumentCacheStatistics { cache.statistics }

    /// Runs a write transaction; the document cache moves to a new generation before and after it.
    func write<T: Sendable>(_ body: @escaping @Sendable (any DocumentWriting) throws -> T) async throws -> T {
        cache.invalidate()
        defer { cache.invalidate() }
        return try await store.write(body)
    }

    /// Creates the initial content (root, default domain, …) when the store is empty.
    /// On a store without ACLs, the root gets Nuxeo's default ACL and every document its read ACL.
    public func bootstrap(principal: String = "system") async throws {
        let registry = self.registry
        let time = now()
        try await write { tx in
            for seed in registry.content where try tx.document(path: seed.path) == nil {
                let isRoot = seed.path == "/"
                var parent: DocumentRecord?
                if !isRoot {
                    let parentPath = Self.parentPath(seed.path)
                    parent = try tx.document(path: parentPath)
                    guard parent != nil else { throw NXError.internal("seed parent \(parentPath) missing") }
                }
                guard let type = registry.type(seed.type) else { throw NXError.internal("seed type \(seed.type) unknown") }
                var properties = JSONObject()
                if let title = seed.title { properties["dc:title"] = .string(title) }
                Self.applyDublinCore(&properties, type: type, principal: principal, time: time, creating: true)
                let name = isRoot ? "" : String(seed.path.split(separator: "/").last ?? "")
                let position = try parent.flatMap { try self.nextPosition(in: $0, tx) }
                let document = DocumentRecord(
                    id: UUIDv7.make(millis: time), parentId: parent?.id, name: name, path: seed.path, type: seed.type, position: position,
                    state: type.lifecycle?.initial, readACL: parent?.readACL ?? 0, created: time, modified: time, properties: properties)
                try tx.insert(document)
                try tx.appendAudit(self.auditEntry(AuditEvent.created, document, principal: principal, time: time))
            }
            try self.initializeSecurity(tx)
        }
    }

    /// Reads a document without permission checks (system work; request handlers use `document(_:principal:)`).
    /// Unknown → 404 with the id or path as message.
    public func document(_ ref: DocumentRef) async throws -> DocumentRecord {
        if cache.capacity > 0, let shared = try await store.sharedGeneration() { cache.synchronize(shared) }
        switch ref {
        case .id(let id): if let cached = cache.document(id: id) { return cached }
        case .path(let path): if let cached = cache.document(path: Self.normalize(path)) { return cached }
        }
        let generation = cache.currentGeneration
        // A point lookup by primary or unique key: read on this thread (the async queue hop costs more than the lookup).
        let document = try await store.pointRead { tx in try Self.resolve(ref, tx) }
        cache.store(document, readAt: generation)
        return document
    }

    /// The document's parent path (`/a/b` → `/a`, `/a` → `/`).
    static func parentPath(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// Looks `ref` up inside a transaction.
    static func resolve(_ ref: DocumentRef, _ tx: any DocumentReading) throws -> DocumentRecord {
        switch ref {
        case .id(let id):
            guard let document = try tx.document(id: id) else { throw NXError.notFound(id) }
            return document
        case .path(let path):
            let normalized = normalize(path)
            guard let document = try tx.document(path: normalized) else { throw NXError.notFound(normalized) }
            return document
        }
    }

    /// `/a//b/` → `/a/b`; empty → `/`.
    static func normalize(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { !$0.isEmpty }
        return "/" + parts.joined(separator: "/")
    }

    /// Sets the automatic Dublin Core properties of a write by `principal`, except those an administrator set
    /// explicitly in this write (`kept`).
    static func applyDublinCore(_ properties: inout JSONObject, type: DocumentType, principal: String, time: Int64, creating: Bool,
                                keeping kept: Set<String> = []) {
        guard type.hasSchema("dublincore") else { return }
        let stamp = JSONValue.string(NXDate.format(millis: time))
        func set(_ key: String, _ value: JSONValue) { if !kept.contains(key) { properties[key] = value } }
        if creating {
            set("dc:creator", .string(principal))
            set("dc:created", stamp)
        }
        set("dc:modified", stamp)
        set("dc:lastContributor", .string(principal))
        var contributors = properties["dc:contributors"]?.arrayValue ?? []
        if !contributors.contains(.string(principal)) { contributors.append(.string(principal)) }
        set("dc:contributors", .array(contributors))
    }

    /// Applies incoming values (unknown keys ignored, values checked and converted) onto `properties`. Secured fields
    /// (`dc:creator`, …) are set only by administrators: another user's value that differs from the stored one → 400
    /// `Cannot set the value of property: <name> since it is readonly`; an unchanged value (a read-modify-write round
    /// trip) is skipped. Returns the secured keys an administrator changed (kept over the automatic values).
    @discardableResult
    /// Blob values are read by `blobs`; one it leaves unresolved leaves the property unchanged.
    static func apply(_ incoming: JSONObject, to properties: inout JSONObject, type: DocumentType, administrator: Bool,
                      blobs: (any BlobResolving)? = nil) throws -> Set<String> {
        var securedSet = Set<String>()
        for (key, value) in incoming {
            guard let (schema, field) = type.fieldsByKey[key] else { continue }
            let canonical = "\(schema.prefix):\(field.name)"
            let coerced: JSONValue
            if case .blob = field.type, let blobs {
                guard let resolved = try blobs.resolve(value, key: key) else { continue }
                coerced = resolved
            } else {
                coerced = try PropertyCoercion.coerce(value, to: field.type, key: key, blobs: blobs)
            }
            if field.secured {
                let stored = PropertyCoercion.outputValue(properties[canonical], field.type)
                if PropertyCoercion.outputValue(coerced.isNull ? nil : coerced, field.type) == stored { continue }
                guard administrator else { throw NXError.invalid("Cannot set the value of property: \(field.name) since it is readonly") }
                securedSet.insert(canonical)
            }
            if coerced.isNull {
                properties[canonical] = JSONValue?.none
            } else {
                properties[canonical] = coerced
            }
        }
        return securedSet
    }
}

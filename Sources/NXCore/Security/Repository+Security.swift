import NXRuntime

extension Repository {
    /// The ACL Nuxeo puts on the root of a new repository: administrators manage everything, members read.
    public static let defaultRootACL = ACL(name: "local", aces: [
        ACE(username: "Administrator", permission: "Everything"),
        ACE(username: "administrators", permission: "Everything"),
        ACE(username: "members", permission: "Read"),
    ])

    /// The current time, ms since 1970 (the repository's clock).
    public var nowMillis: Int64 { now() }

    /// A path and its ancestors, nearest first: `/a/b` → `/a/b`, `/a`, `/`.
    static func lineage(_ path: String) -> [String] {
        var result = [path]
        var current = path
        while current != "/" {
            current = parentPath(current)
            result.append(current)
        }
        return result
    }

    /// The access control policy of a document inside `tx`: its local ACLs, then `inherited` with its ancestors' entries
    /// (nearest first). A version has its live document's policy.
    func acp(of document: DocumentRecord, _ tx: any DocumentReading) throws -> ACP {
        let lineage = Self.lineage(document.path)
        let locals = try tx.localACLs(paths: lineage)
        var acls = locals[document.path] ?? []
        let inherited = lineage.dropFirst().flatMap { locals[$0]?.flatMap(\.aces) ?? [] }
        if !inherited.isEmpty { acls.append(ACL(name: "inherited", aces: inherited)) }
        return ACP(acls: acls)
    }

    /// The policy of a document the principal can read (`@acl`, the `acls` enricher).
    public func acp(of ref: DocumentRef, principal: Principal) async throws -> ACP {
        let document = try await self.document(ref, principal: principal)
        return try await store.read { tx in try self.acp(of: document, tx) }
    }

    /// Refuses (403) what the principal may not do: `Privilege '<permission>' is not granted to '<user>'`.
    func check(_ permission: String, on document: DocumentRecord, _ principal: Principal, _ tx: any DocumentReading) throws {
        guard !principal.isAdministrator else { return }
        guard try acp(of: document, tx).grants(permission, to: principal.aceNames, at: now()) else {
            throw NXError.forbidden("Privilege '\(permission)' is not granted to '\(principal.name)'")
        }
    }

    /// The permissions of `Permissions.all` the principal holds on a document (the `permissions` enricher).
    public func permissions(on document: DocumentRecord, principal: Principal) async throws -> [String] {
        if principal.isAdministrator { return Permissions.all }
        let acp = try await store.read { tx in try self.acp(of: document, tx) }
        let time = now()
        return Permissions.all.filter { acp.grants($0, to: principal.aceNames, at: time) }
    }

    // MARK: - Read ACLs: who may read, materialized per document so queries filter in SQL

    /// The canonical read ACL of a policy: the entries that decide Read in order (`+name` grants, `-name` denies; a time
    /// window is kept as `+name@begin~end` and checked when the ACL is evaluated), first unconditional decision per name
    /// only, cut after an unconditional denial to `Everyone` (nothing after it can match).
    static func readACLText(_ acp: ACP) -> String {
        var decided = Set<String>()
        var tokens: [String] = []
        for acl in acp.acls {
            for ace in acl.aces where Permissions.implies(ace.permission, "Read") && !decided.contains(ace.username) {
                var token = (ace.granted ? "+" : "-") + ace.username
                if ace.begin != nil || ace.end != nil {
                    token += "@" + (ace.begin.map(String.init) ?? "") + "~" + (ace.end.map(String.init) ?? "")
                } else {
                    decided.insert(ace.username)
                }
                tokens.append(token)
                if !ace.granted && ace.username == "Everyone" && ace.begin == nil && ace.end == nil { return tokens.joined(separator: ",") }
            }
        }
        return tokens.joined(separator: ",")
    }

    /// Whether a canonical read ACL lets any of `names` read at `time`: the first effective token naming one of them decides.
    static func readACLAllows(_ text: String, _ names: Set<String>, at time: Int64) -> Bool {
        for token in text.split(separator: ",") {
            var body = token.dropFirst()
            if let at = body.firstIndex(of: "@") {
                let window = body[body.index(after: at)...].split(separator: "~", omittingEmptySubsequences: false)
                let begin = window.first.flatMap { Int64($0) }, end = window.count > 1 ? Int64(window[1]) : nil
                if let begin, time < begin { continue }
                if let end, time > end { continue }
                body = body[..<at]
            }
            if names.contains(String(body)) { return token.first == "+" }
        }
        return false
    }

    /// Recomputes the read ACLs of the subtree at `path` (after its ACLs changed, or it moved): each document that carries
    /// ACLs starts a region, shallowest first, so deeper regions override.
    func refreshReadACLs(at path: String, _ tx: any DocumentWriting) throws {
        guard let top = try tx.document(path: path) else { return }
        try tx.setReadACL(try tx.readACLId(Self.readACLText(try acp(of: top, tx))), at: path)
        for region in try tx.documentsWithACLs(under: path) where region.path != path {
            guard let document = try tx.document(path: region.path) else { continue }
            try tx.setReadACL(try tx.readACLId(Self.readACLText(try acp(of: document, tx))), at: region.path)
        }
    }

    /// The read ACL ids the principal passes, nil for administrators (no restriction).
    func readableACLs(_ principal: Principal, _ tx: any DocumentReading) throws -> [Int64]? {
        guard !principal.isAdministrator else { return nil }
        let names = principal.aceNames
        let time = now()
        return try tx.readACLs().filter { Self.readACLAllows($0.acl, names, at: time) }.map(\.id)
    }

    /// `query` restricted to the documents the principal may read: a SQL condition on the materialized read ACL.
    static func restrict(_ query: CompiledQuery, to readable: [Int64]?) -> CompiledQuery {
        guard let readable else { return query }
        var restricted = query
        let list = readable.isEmpty ? "NULL" : readable.map { _ in "?" }.joined(separator: ", ")
        restricted.condition = SQLFragment("(", []) + query.condition + SQLFragment(") AND d.read_acl_id IN (\(list))", readable.map { .integer($0) })
        return restricted
    }

    /// Reads a document the principal may read; otherwise 403.
    public func document(_ ref: DocumentRef, principal: Principal) async throws -> DocumentRecord {
        let document = try await self.document(ref)
        guard try canRead(document, principal: principal) else {
            throw NXError.forbidden("Privilege 'Read' is not granted to '\(principal.name)'")
        }
        return document
    }

    /// Whether the principal may read `document`: its read ACL (cached by id; rows never change) decides.
    public func canRead(_ document: DocumentRecord, principal: Principal) throws -> Bool {
        guard !principal.isAdministrator else { return true }
        let id = document.readACL
        var text = readACLCache.text(id)
        if text == nil {
            text = try store.readNow { tx in try tx.readACL(id: id) }
            if let text { readACLCache.store(text, for: id) }
        }
        return Self.readACLAllows(text ?? "", principal.aceNames, at: now())
    }

    /// Puts the default root ACL in place on a store that has no ACLs yet, and computes every read ACL.
    func initializeSecurity(_ tx: any DocumentWriting) throws {
        guard try tx.readACLs().isEmpty, let root = try tx.document(path: "/") else { return }
        if try tx.localACLs(paths: ["/"]).isEmpty { try tx.setLocalACLs(documentId: root.id, [Self.defaultRootACL]) }
        try refreshReadACLs(at: "/", tx)
    }
}

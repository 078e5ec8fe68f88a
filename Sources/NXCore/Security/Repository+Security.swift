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
            let (name, window) = readACLToken(token)
            if let window {
                if let begin = window.begin, time < begin { continue }
                if let end = window.end, time > end { continue }
            }
            if names.contains(String(name)) { return token.first == "+" }
        }
        return false
    }

    /// A token's name and its time window, if any: `+name@begin~end` (either bound may be empty). A name may itself hold
    /// `@` (`+jdoe@example.com`): only a last `@` followed by `digits~digits` starts a window.
    static func readACLToken(_ token: Substring) -> (name: Substring, window: (begin: Int64?, end: Int64?)?) {
        let body = token.dropFirst()
        guard let at = body.lastIndex(of: "@") else { return (body, nil) }
        let bounds = body[body.index(after: at)...].split(separator: "~", omittingEmptySubsequences: false)
        guard bounds.count == 2, bounds.allSatisfy({ $0.isEmpty || Int64($0) != nil }) else { return (body, nil) }
        return (body[..<at], (bounds[0].isEmpty ? nil : Int64(bounds[0]), bounds[1].isEmpty ? nil : Int64(bounds[1])))
    }

    /// Whether a canonical read ACL has a time window (its decision depends on the clock, so it is not precomputed).
    static func readACLIsTimed(_ text: String) -> Bool {
        text.split(separator: ",").contains { readACLToken($0).window != nil }
    }

    /// The id of a read ACL, created if new; a new untimed ACL is granted at once to every recorded principal set it lets
    /// read (writes are serialized, on SQLite and across a PostgreSQL cluster, so no set is recorded meanwhile).
    func readACLId(_ text: String, _ tx: any DocumentWriting) throws -> Int64 {
        let timed = Self.readACLIsTimed(text)
        let (id, created) = try tx.readACLId(text, timed: timed)
        guard created, !timed else { return id }
        for set in try tx.principalSets() where Self.readACLAllows(text, Self.principalNames(set.names), at: 0) {
            try tx.insertReadGrants(principalSet: set.id, aclIds: [id])
        }
        return id
    }

    /// Recomputes the read ACLs of the subtree at `path` (after its ACLs changed, or it moved): each document that carries
    /// ACLs starts a region, shallowest first, so deeper regions override.
    func refreshReadACLs(at path: String, _ tx: any DocumentWriting) throws {
        guard let top = try tx.document(path: path) else { return }
        try tx.setReadACL(try readACLId(Self.readACLText(try acp(of: top, tx)), tx), at: path)
        for region in try tx.documentsWithACLs(under: path) where region.path != path {
            guard let document = try tx.document(path: region.path) else { continue }
            try tx.setReadACL(try readACLId(Self.readACLText(try acp(of: document, tx)), tx), at: region.path)
        }
    }

    /// The canonical text of a principal's set of ACE names: sorted, one per line (a name holds no line break).
    static func principalSetText(_ principal: Principal) -> String {
        principal.aceNames.sorted().joined(separator: "\n")
    }

    /// The names of a principal set's canonical text.
    static func principalNames(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// The id of the principal's set of ACE names, recorded (with the untimed read ACLs it passes) the first time it is
    /// seen; nil for administrators, who read everything. Run before the read transaction that filters with it.
    func principalSet(_ principal: Principal) async throws -> Int64? {
        guard !principal.isAdministrator else { return nil }
        let names = Self.principalSetText(principal)
        if let id = principalSets.id(names) { return id }
        let id: Int64
        if let recorded = try await store.read({ tx in try tx.principalSet(names: names) }) {
            id = recorded
        } else {
            let aceNames = principal.aceNames
            id = try await store.write { tx in
                if let recorded = try tx.principalSet(names: names) { return recorded }
                let id = try tx.insertPrincipalSet(names: names)
                let granted = try tx.readACLs(timed: false).filter { Self.readACLAllows($0.acl, aceNames, at: 0) }
                try tx.insertReadGrants(principalSet: id, aclIds: granted.map(\.id))
                return id
            }
        }
        principalSets.store(id, for: names)
        return id
    }

    /// What the principal may read, inside the transaction that filters with it: its precomputed set (`principalSet(_:)`)
    /// and the timed read ACLs that grant it now. nil for administrators.
    func readFilter(_ principal: Principal, set: Int64?, _ tx: any DocumentReading) throws -> ReadFilter? {
        guard let set, !principal.isAdministrator else { return nil }
        let timed = try tx.readACLs(timed: true)
        guard !timed.isEmpty else { return ReadFilter(principalSet: set, timed: [], dialect: store.dialect) }
        let names = principal.aceNames, time = now()
        return ReadFilter(principalSet: set, timed: timed.filter { Self.readACLAllows($0.acl, names, at: time) }.map(\.id), dialect: store.dialect)
    }

    /// `query` restricted to the documents the principal may read: a SQL condition on the materialized read ACL.
    static func restrict(_ query: CompiledQuery, to readable: ReadFilter?) -> CompiledQuery {
        guard let readable else { return query }
        var restricted = query
        restricted.condition = SQLFragment("(", []) + query.condition + SQLFragment(") AND ", []) + readable.condition("d.read_acl_id")
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
        if let allowed = readACLCache.decision(id, principal) { return allowed }
        var text = readACLCache.text(id)
        if text == nil {
            text = try store.readNow { tx in try tx.readACL(id: id) }
            if let text { readACLCache.store(text, for: id) }
        }
        let allowed = Self.readACLAllows(text ?? "", principal.aceNames, at: now())
        if let text, !Self.readACLIsTimed(text) { readACLCache.store(allowed, acl: id, principal: principal) }
        return allowed
    }

    /// Puts the default root ACL in place on a store that has no ACLs yet, and computes every read ACL.
    func initializeSecurity(_ tx: any DocumentWriting) throws {
        guard try tx.readACLs().isEmpty, let root = try tx.document(path: "/") else { return }
        if try tx.localACLs(paths: ["/"]).isEmpty { try tx.setLocalACLs(documentId: root.id, [Self.defaultRootACL]) }
        try refreshReadACLs(at: "/", tx)
    }
}

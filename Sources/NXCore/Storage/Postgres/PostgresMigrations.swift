import Foundation

/// Named, ordered schema migrations of the PostgreSQL store; each runs in one transaction and is recorded in `nx_migrations`.
///
/// A fresh schema equal to the SQLite store's after all of `SQLiteMigrations` (v1…v19), grouped by subject rather than
/// replaying SQLite's history. The session code's statements run unchanged on both databases, so:
///
/// - Tables and columns have SQLite's names. Where SQLite code reads the implicit `rowid` (`documents`, `fulltext`,
///   `user_groups` and `auth_tokens` ordering) there is a real column named `rowid`; `INTEGER PRIMARY KEY` ids
///   (`audit_log`, `work_queue`, `read_acls`) are identity columns.
/// - SQLite INTEGER is BIGINT (booleans too: 0/1, as the shared SQL writes `is_version = 1`), BLOB is BYTEA, and every
///   TEXT column is `COLLATE "C"` (byte order, SQLite's BINARY; the subtree range scans `path >= '/a/' AND path < '/a0'`
///   rely on it). Beware: `lower()`/`upper()` of a `COLLATE "C"` value fold ASCII only (`lower('É' COLLATE "C")` is `É`).
/// - `documents.properties` is JSONB (key order is jsonb's, not the written one); other JSON-holding columns stay TEXT.
/// - `fulltext."binary"`: BINARY is a reserved word in PostgreSQL, so the shared statements must quote that column,
///   `INSERT INTO fulltext(rowid, title, text, "binary") VALUES (?, ?, ?, ?)` (SQLite accepts the quotes too).
///
/// Property columns (since v12): each key of `indexedProperties` is copied by PostgreSQL into a generated column of
/// `documents`, `propertyColumn(key)` (`p_dc_title`: `(properties ->> 'dc:title')`, `COLLATE "C"`), and the NXQL compiler
/// emits `d.p_dc_title` for it in comparisons and ORDER BY. Its index (`documents_dc_title`) is partial on
/// `path <> '/'` (every compiled query excludes the root so), ordered by the value then `rowid` (the order of a page
/// with no other sort key: an equality's first page is the index's first entries), and includes `read_acl_id` and the
/// version, proxy and trash flags, so that counting the matches of a query on that property, ACL filter included, is an index-only scan that
/// reads no document row. A btree entry holds at most 2,704 bytes: a value longer than that (after compression) fails
/// the write of its document.
///
/// Fulltext: `fulltextMatch` is the condition to emit (`d.rowid IN (SELECT rowid FROM fulltext WHERE tsv @@
/// to_tsquery('nx_fulltext', ?))`), the bound value a `to_tsquery` text (`foo:* & bar`). The `nx_fulltext` text
/// search configuration is `simple` behind `unaccent` (lower-cased, accents removed like FTS5's `remove_diacritics 2`),
/// applied to documents and queries alike; the title has weight A (`'foo':*A` matches titles only), the rest B.
/// `unaccent` is a contrib extension shipped with Debian's postgresql-NN packages and trusted since PostgreSQL 13: the
/// first migration's `CREATE EXTENSION IF NOT EXISTS unaccent` needs the CREATE privilege on the database (its owner
/// has it), or a superuser to have created the extension beforehand. PostgreSQL 14 or later (`RETURN` function bodies).
enum PostgresMigrations {
    /// The ledger the runner creates before running `all` (not a migration itself).
    static let ledger = #"CREATE TABLE IF NOT EXISTS nx_migrations (name TEXT COLLATE "C" PRIMARY KEY, applied BIGINT NOT NULL)"#

    /// Properties with an expression index: SQLite's `SQLiteMigrations.indexedProperties` plus `dc:issued`.
    static let indexedProperties = ["dc:title", "dc:created", "dc:modified", "dc:creator", "dc:source", "dc:nature", "dc:coverage", "dc:issued"]

    /// The expression the v1 index of an `indexedProperties` key was built on (dropped by v12 for `propertyColumn`).
    static func propertyExpression(_ key: String, alias: String) -> String {
        "(\(alias).properties ->> '\(key.replacingOccurrences(of: "'", with: "''"))') COLLATE \"C\""
    }

    /// The index of an `indexedProperties` key (`dc:title` → `documents_dc_title`): on its expression in v1, on its
    /// column since v12.
    static func propertyIndex(_ key: String) -> String { "documents_" + key.replacingOccurrences(of: ":", with: "_") }

    /// The generated column holding an `indexedProperties` key's text (`dc:title` → `p_dc_title`), `nil` for any other key.
    static func propertyColumn(_ key: String) -> String? {
        indexedProperties.contains(key) ? "p_" + key.replacingOccurrences(of: ":", with: "_") : nil
    }

    /// The fulltext condition on the documents alias `alias`; one parameter, a `to_tsquery` text.
    static func fulltextMatch(documentAlias alias: String) -> String {
        "\(alias).rowid IN (SELECT rowid FROM fulltext WHERE tsv @@ to_tsquery('nx_fulltext', ?))"
    }

    /// The migrations, in order: a name (recorded in `nx_migrations`) and the SQL run in one transaction.
    static let all: [(name: String, sql: String)] = [
        ("v1-documents", documents),
        ("v2-fulltext", fulltext),
        ("v3-audit", audit),
        ("v4-users-directories", usersAndDirectories),
        ("v5-acls", acls),
        ("v6-blobs-work", blobsAndWork),
        ("v7-uploads", uploads),
        ("v8-workflows", workflows),
        ("v9-bulk", bulk),
        ("v10-lower", lower),
        ("v11-cluster", cluster),
        ("v12-property-columns", propertyColumns),
        ("v13-read-acl-grants", readGrants),
    ]

    /// The tables to `VACUUM (ANALYZE)` after a migration rewrote them (a database migrated from an older version).
    static let vacuumAfter: [String: Set<String>] = ["v12-property-columns": ["documents"]]

    /// The hot properties as generated columns with covering partial indexes (see the type's documentation), replacing
    /// v1's expression indexes: an expression index cannot serve an index-only scan, so counting 10,000 matches among
    /// 1,000,000 documents read 10,000 table pages (30 ms) where the covering index reads about 90 (2 ms).
    static let propertyColumns: String = {
        let keys = indexedProperties.compactMap { key in propertyColumn(key).map { (key, $0) } }
        let columns = keys.map { key, column in
            "ADD COLUMN \(column) TEXT COLLATE \"C\" GENERATED ALWAYS AS (properties ->> '\(key)') STORED"
        }
        return keys.map { key, _ in "DROP INDEX \(propertyIndex(key));\n" }.joined()
            + "ALTER TABLE documents " + columns.joined(separator: ", ") + ";\n"
            // Finer statistics for the range conditions (`ecm:path STARTSWITH`, date ranges): with the default 100
            // histogram buckets, a folder's 1,000 documents among 1,000,000 were estimated at 6,800, and the planner
            // scanned the primary key (8 ms) instead of the path index (0.9 ms).
            + "ALTER TABLE documents ALTER COLUMN path SET STATISTICS 1000"
            + keys.map { ", ALTER COLUMN \($0.1) SET STATISTICS 1000" }.joined() + ";\n"
            + keys.map { key, column in
                "CREATE INDEX \(propertyIndex(key)) ON documents (\(column) NULLS FIRST, rowid) "
                    + "INCLUDE (read_acl_id, is_version, is_proxy, is_trashed) WHERE path <> '/';\n"
            }.joined()
    }()

    /// The cluster's shared state: a write generation every write transaction moves (row 1: nodes drop the documents
    /// they cached from an older one), the user directory's generation (row 2: moved by user, group and token writes;
    /// nodes drop the credentials they verified), and the nodes serving the database with when they were last seen.
    static let cluster = #"""
        CREATE TABLE nx_cluster (id BIGINT PRIMARY KEY, generation BIGINT NOT NULL);
        INSERT INTO nx_cluster (id, generation) VALUES (1, 0), (2, 0);
        CREATE TABLE nx_nodes (node_id TEXT COLLATE "C" PRIMARY KEY, started BIGINT NOT NULL, seen BIGINT NOT NULL);
        CREATE TABLE bulk_leases (command_id TEXT COLLATE "C" PRIMARY KEY, node TEXT COLLATE "C" NOT NULL, until BIGINT NOT NULL);
        """#

    /// `nx_lower(text)`: Unicode lower-casing whatever the column's collation (`lower` of a `COLLATE "C"` value folds
    /// ASCII only), through ICU's root collation; the SQLite store registers a function of the same name.
    static let lower = #"""
        CREATE FUNCTION nx_lower(value text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            RETURN lower(value COLLATE "und-x-icu");
        """#

    /// Documents: live documents, versions and proxies, one row each; the properties as JSONB.
    static let documents = #"""
        CREATE TABLE documents (
            rowid BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            id TEXT COLLATE "C" NOT NULL UNIQUE,
            parent_id TEXT COLLATE "C",
            name TEXT COLLATE "C" NOT NULL,
            path TEXT COLLATE "C" NOT NULL UNIQUE,
            type TEXT COLLATE "C" NOT NULL,
            pos BIGINT,
            state TEXT COLLATE "C",
            is_version BIGINT NOT NULL DEFAULT 0,
            is_proxy BIGINT NOT NULL DEFAULT 0,
            is_trashed BIGINT NOT NULL DEFAULT 0,
            is_checked_out BIGINT NOT NULL DEFAULT 1,
            version_label TEXT COLLATE "C",
            sys_change BIGINT NOT NULL DEFAULT 0,
            user_change BIGINT NOT NULL DEFAULT 0,
            created BIGINT NOT NULL,
            modified BIGINT NOT NULL,
            properties JSONB NOT NULL DEFAULT '{}',
            versionable_id TEXT COLLATE "C",
            is_latest_version BIGINT NOT NULL DEFAULT 0,
            is_latest_major BIGINT NOT NULL DEFAULT 0,
            lock_owner TEXT COLLATE "C",
            lock_created BIGINT,
            read_acl_id BIGINT NOT NULL DEFAULT 0,
            proxy_target_id TEXT COLLATE "C",
            proxy_versionable_id TEXT COLLATE "C",
            mixin_types TEXT COLLATE "C"
        );
        CREATE UNIQUE INDEX documents_parent_name ON documents (parent_id, name);
        CREATE INDEX documents_type ON documents (type);
        CREATE INDEX documents_versionable ON documents (versionable_id) WHERE versionable_id IS NOT NULL;
        CREATE INDEX documents_read_acl ON documents (read_acl_id);
        CREATE INDEX documents_proxy_target ON documents (proxy_target_id) WHERE proxy_target_id IS NOT NULL;
        CREATE INDEX documents_proxy_versionable ON documents (proxy_versionable_id, parent_id) WHERE proxy_versionable_id IS NOT NULL;
        CREATE INDEX documents_parent_pos ON documents (parent_id, pos) WHERE pos IS NOT NULL;
        CREATE INDEX documents_properties ON documents USING gin (properties jsonb_path_ops);

        """# + indexedProperties.map { key in
            "CREATE INDEX \(propertyIndex(key)) ON documents ((\(propertyExpression(key, alias: "documents"))) NULLS FIRST);\n"
        }.joined()

    /// Fulltext: one row per document (`rowid` is the document's), its tsvector computed by PostgreSQL.
    ///
    /// `nx_fulltext_vector` indexes the title (weight A) and the text and binary text (weight B); when their distinct
    /// words pass a tsvector's 1 MiB it halves the indexed prefix of the body (then of the title) until they fit.
    /// `nx_unaccent` is an IMMUTABLE `unaccent` (bound to the extension's function and dictionary at creation, so it
    /// does not depend on `search_path`) for expressions that need accent folding outside the fulltext index.
    static let fulltext = #"""
        CREATE EXTENSION IF NOT EXISTS unaccent;
        CREATE FUNCTION nx_unaccent(value text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            RETURN unaccent('unaccent'::regdictionary, value);
        CREATE TEXT SEARCH CONFIGURATION nx_fulltext (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION nx_fulltext
            ALTER MAPPING FOR word, numword, hword, numhword, hword_part, hword_numpart, email, file, host, url, url_path
            WITH unaccent, simple;
        CREATE FUNCTION nx_fulltext_vector(config regconfig, title text, body text) RETURNS tsvector
            LANGUAGE plpgsql IMMUTABLE AS $$
        DECLARE
            title_length integer := length(title);
            body_length integer := length(body);
        BEGIN
            LOOP
                BEGIN
                    RETURN setweight(to_tsvector(config, left(title, title_length)), 'A')
                        || setweight(to_tsvector(config, left(body, body_length)), 'B');
                EXCEPTION WHEN program_limit_exceeded THEN
                    -- "string is too long for tsvector": over 1 MiB of distinct words; index a shorter prefix.
                    IF body_length > 0 THEN body_length := body_length / 2; ELSE title_length := title_length / 2; END IF;
                END;
            END LOOP;
        END $$;
        CREATE TABLE fulltext (
            rowid BIGINT PRIMARY KEY,
            title TEXT COLLATE "C",
            text TEXT COLLATE "C",
            "binary" TEXT COLLATE "C",
            tsv tsvector GENERATED ALWAYS AS (
                nx_fulltext_vector('nx_fulltext'::regconfig, coalesce(title, ''), coalesce(text, '') || ' ' || coalesce("binary", ''))
            ) STORED
        );
        CREATE INDEX fulltext_tsv ON fulltext USING gin (tsv);
        """#

    /// The audit log (Nuxeo's audit entries); `extended` is JSON text.
    static let audit = #"""
        CREATE TABLE audit_log (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            event_id TEXT COLLATE "C" NOT NULL,
            category TEXT COLLATE "C",
            principal TEXT COLLATE "C",
            comment TEXT COLLATE "C",
            doc_lifecycle TEXT COLLATE "C",
            doc_path TEXT COLLATE "C",
            doc_type TEXT COLLATE "C",
            doc_uuid TEXT COLLATE "C",
            repository TEXT COLLATE "C",
            event_date BIGINT NOT NULL,
            log_date BIGINT NOT NULL,
            extended TEXT COLLATE "C" NOT NULL DEFAULT '{}'
        );
        CREATE INDEX audit_log_doc ON audit_log (doc_uuid, event_date);
        """#

    /// Users, groups, memberships as given (no foreign key to the member), authentication tokens, the default groups,
    /// and directory (vocabulary) entries. `users.groups` is SQLite's legacy column, kept for the shared statements.
    /// `user_groups.rowid` keeps the order a user's groups were given in; `auth_tokens.rowid` orders same-time tokens.
    static let usersAndDirectories = #"""
        CREATE TABLE users (
            name TEXT COLLATE "C" PRIMARY KEY,
            password_hash TEXT COLLATE "C" NOT NULL,
            groups TEXT COLLATE "C" NOT NULL DEFAULT '',
            first_name TEXT COLLATE "C",
            last_name TEXT COLLATE "C",
            company TEXT COLLATE "C",
            email TEXT COLLATE "C",
            tenant_id TEXT COLLATE "C"
        );
        CREATE TABLE groups (
            name TEXT COLLATE "C" PRIMARY KEY,
            label TEXT COLLATE "C",
            description TEXT COLLATE "C",
            tenant_id TEXT COLLATE "C"
        );
        CREATE TABLE user_groups (
            user_name TEXT COLLATE "C" NOT NULL,
            group_name TEXT COLLATE "C" NOT NULL REFERENCES groups(name) ON DELETE CASCADE,
            rowid BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,
            PRIMARY KEY (user_name, group_name)
        );
        CREATE INDEX user_groups_group ON user_groups (group_name);
        CREATE TABLE group_groups (
            parent_name TEXT COLLATE "C" NOT NULL,
            child_name TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (parent_name, child_name)
        );
        CREATE INDEX group_groups_child ON group_groups (child_name);
        CREATE TABLE auth_tokens (
            token TEXT COLLATE "C" PRIMARY KEY,
            user_name TEXT COLLATE "C" NOT NULL REFERENCES users(name) ON DELETE CASCADE,
            application TEXT COLLATE "C" NOT NULL,
            device_id TEXT COLLATE "C" NOT NULL,
            device_description TEXT COLLATE "C",
            permission TEXT COLLATE "C" NOT NULL,
            created BIGINT NOT NULL,
            rowid BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,
            UNIQUE (user_name, application, device_id)
        );
        INSERT INTO groups (name, label) VALUES
            ('administrators', 'Administrators group'), ('members', 'Members group'), ('powerusers', 'Power users group');
        CREATE TABLE directory_entries (
            directory TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            parent TEXT COLLATE "C",
            ordering BIGINT,
            properties TEXT COLLATE "C" NOT NULL DEFAULT '{}',
            PRIMARY KEY (directory, id)
        );
        CREATE INDEX directory_entries_order ON directory_entries (directory, ordering, id);
        CREATE INDEX directory_entries_parent ON directory_entries (parent, directory) WHERE parent IS NOT NULL;
        """#

    /// Local ACLs (one row per ACE) and the canonical read ACLs documents point to (`documents.read_acl_id`).
    /// A read ACL text can pass a btree entry's 2,704 bytes, so `acl` is unique through its MD5 and looked up through
    /// a hash index (`SELECT id FROM read_acls WHERE acl = ?` uses it).
    static let acls = #"""
        CREATE TABLE acls (
            doc_id TEXT COLLATE "C" NOT NULL,
            acl_name TEXT COLLATE "C" NOT NULL,
            pos BIGINT NOT NULL,
            username TEXT COLLATE "C" NOT NULL,
            permission TEXT COLLATE "C" NOT NULL,
            granted BIGINT NOT NULL,
            creator TEXT COLLATE "C",
            begin_ms BIGINT,
            end_ms BIGINT
        );
        CREATE INDEX acls_doc ON acls (doc_id, pos);
        CREATE TABLE read_acls (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            acl TEXT COLLATE "C" NOT NULL
        );
        CREATE UNIQUE INDEX read_acls_acl_md5 ON read_acls ((md5(acl)));
        CREATE INDEX read_acls_acl ON read_acls USING hash (acl);
        """#

    /// Which read ACLs each set of ACE names passes, precomputed (SQLite's `v21-read-acl-grants`); `read_acls.timed`
    /// marks the ACLs with a time window, decided per request.
    static let readGrants = #"""
        CREATE TABLE read_acl_sets (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            names TEXT COLLATE "C" NOT NULL
        );
        CREATE UNIQUE INDEX read_acl_sets_names_md5 ON read_acl_sets ((md5(names)));
        CREATE INDEX read_acl_sets_names ON read_acl_sets USING hash (names);
        CREATE TABLE read_acl_grants (
            principal_set BIGINT NOT NULL,
            acl_id BIGINT NOT NULL,
            PRIMARY KEY (principal_set, acl_id)
        );
        ALTER TABLE read_acls ADD COLUMN timed BIGINT NOT NULL DEFAULT 0;
        UPDATE read_acls SET timed = 1 WHERE acl LIKE '%@%';
        CREATE INDEX read_acls_timed ON read_acls (timed) WHERE timed = 1;
        """#

    /// Which documents reference which binaries (emptied for deleted documents by a statement trigger, as SQLite's
    /// `documents_blobs_cleanup`), binary text per digest, the durable work queue (with failures and backoff), the
    /// derived-data markers, and idempotent requests.
    static let blobsAndWork = #"""
        CREATE TABLE document_blobs (doc_rowid BIGINT NOT NULL, digest TEXT COLLATE "C" NOT NULL);
        CREATE INDEX document_blobs_doc ON document_blobs (doc_rowid);
        CREATE INDEX document_blobs_digest ON document_blobs (digest);
        CREATE FUNCTION nx_documents_blobs_cleanup() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM document_blobs b USING removed r WHERE b.doc_rowid = r.rowid;
            RETURN NULL;
        END $$;
        CREATE TRIGGER documents_blobs_cleanup AFTER DELETE ON documents
            REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION nx_documents_blobs_cleanup();
        CREATE TABLE blob_text (digest TEXT COLLATE "C" PRIMARY KEY, text TEXT COLLATE "C" NOT NULL);
        CREATE TABLE work_queue (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            kind TEXT COLLATE "C" NOT NULL,
            key TEXT COLLATE "C" NOT NULL,
            payload TEXT COLLATE "C" NOT NULL DEFAULT '',
            created BIGINT NOT NULL,
            claimed BIGINT,
            attempts BIGINT NOT NULL DEFAULT 0,
            failed BIGINT NOT NULL DEFAULT 0,
            error TEXT COLLATE "C",
            next_attempt BIGINT NOT NULL DEFAULT 0,
            UNIQUE (kind, key)
        );
        CREATE INDEX work_queue_ready ON work_queue (kind, failed, next_attempt, id);
        CREATE TABLE derived_work (
            kind TEXT COLLATE "C" NOT NULL,
            doc_id TEXT COLLATE "C" NOT NULL,
            digest TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (kind, doc_id)
        );
        CREATE TABLE idempotent_requests (
            key TEXT COLLATE "C" PRIMARY KEY,
            in_progress BIGINT NOT NULL,
            status BIGINT,
            headers TEXT COLLATE "C",
            body BYTEA,
            expires BIGINT NOT NULL
        );
        """#

    /// Batch uploads: batches, their files, and the chunks of chunked files.
    static let uploads = #"""
        CREATE TABLE upload_batches (
            id TEXT COLLATE "C" PRIMARY KEY,
            handler TEXT COLLATE "C" NOT NULL,
            created BIGINT NOT NULL,
            touched BIGINT NOT NULL
        );
        CREATE TABLE upload_files (
            batch_id TEXT COLLATE "C" NOT NULL,
            idx TEXT COLLATE "C" NOT NULL,
            chunked BIGINT NOT NULL,
            name TEXT COLLATE "C",
            mime TEXT COLLATE "C",
            size BIGINT,
            chunk_count BIGINT,
            digest TEXT COLLATE "C",
            length BIGINT,
            PRIMARY KEY (batch_id, idx)
        );
        CREATE TABLE upload_chunks (
            batch_id TEXT COLLATE "C" NOT NULL,
            idx TEXT COLLATE "C" NOT NULL,
            chunk BIGINT NOT NULL,
            digest TEXT COLLATE "C" NOT NULL,
            length BIGINT NOT NULL,
            PRIMARY KEY (batch_id, idx, chunk)
        );
        """#

    /// Workflow instances, node states and tasks; filtered columns plus one JSON `data` text per row.
    static let workflows = #"""
        CREATE TABLE wf_instances (
            id TEXT COLLATE "C" PRIMARY KEY,
            model TEXT COLLATE "C" NOT NULL,
            state TEXT COLLATE "C" NOT NULL,
            initiator TEXT COLLATE "C" NOT NULL,
            created BIGINT NOT NULL,
            data TEXT COLLATE "C" NOT NULL
        );
        CREATE INDEX wf_instances_initiator ON wf_instances (initiator, state, created);
        CREATE TABLE wf_instance_documents (
            document_id TEXT COLLATE "C" NOT NULL,
            instance_id TEXT COLLATE "C" NOT NULL REFERENCES wf_instances(id) ON DELETE CASCADE,
            PRIMARY KEY (document_id, instance_id)
        );
        CREATE TABLE wf_nodes (
            instance_id TEXT COLLATE "C" NOT NULL REFERENCES wf_instances(id) ON DELETE CASCADE,
            node_id TEXT COLLATE "C" NOT NULL,
            data TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (instance_id, node_id)
        );
        CREATE TABLE wf_tasks (
            id TEXT COLLATE "C" PRIMARY KEY,
            instance_id TEXT COLLATE "C" NOT NULL REFERENCES wf_instances(id) ON DELETE CASCADE,
            node_id TEXT COLLATE "C" NOT NULL,
            state TEXT COLLATE "C" NOT NULL,
            due_date BIGINT NOT NULL,
            created BIGINT NOT NULL,
            data TEXT COLLATE "C" NOT NULL
        );
        CREATE INDEX wf_tasks_instance ON wf_tasks (instance_id, state, created);
        CREATE INDEX wf_tasks_open ON wf_tasks (state, due_date);
        CREATE TABLE wf_task_actors (
            actor TEXT COLLATE "C" NOT NULL,
            open BIGINT NOT NULL,
            due_date BIGINT NOT NULL,
            task_id TEXT COLLATE "C" NOT NULL REFERENCES wf_tasks(id) ON DELETE CASCADE,
            PRIMARY KEY (actor, open, due_date, task_id)
        );
        CREATE INDEX wf_task_actors_task ON wf_task_actors (task_id);
        CREATE TABLE wf_task_documents (
            document_id TEXT COLLATE "C" NOT NULL,
            open BIGINT NOT NULL,
            task_id TEXT COLLATE "C" NOT NULL REFERENCES wf_tasks(id) ON DELETE CASCADE,
            PRIMARY KEY (document_id, open, task_id)
        );
        CREATE INDEX wf_task_documents_task ON wf_task_documents (task_id);
        """#

    /// Bulk commands, the documents a command's scroll selected, and the lines an action writes.
    static let bulk = #"""
        CREATE TABLE bulk_commands (
            id TEXT COLLATE "C" PRIMARY KEY,
            action TEXT COLLATE "C" NOT NULL,
            username TEXT COLLATE "C" NOT NULL,
            repository TEXT COLLATE "C" NOT NULL,
            query TEXT COLLATE "C",
            params TEXT COLLATE "C" NOT NULL,
            batch_size BIGINT NOT NULL,
            query_limit BIGINT NOT NULL,
            state TEXT COLLATE "C" NOT NULL,
            processed BIGINT NOT NULL,
            skip_count BIGINT NOT NULL,
            error_count BIGINT NOT NULL,
            error_message TEXT COLLATE "C",
            total BIGINT NOT NULL,
            submitted BIGINT NOT NULL,
            scroll_start BIGINT,
            scroll_end BIGINT,
            processing_start BIGINT,
            processing_end BIGINT,
            completed BIGINT,
            result TEXT COLLATE "C" NOT NULL,
            cursor BIGINT NOT NULL,
            in_flight TEXT COLLATE "C",
            result_blob TEXT COLLATE "C"
        );
        CREATE INDEX bulk_commands_state ON bulk_commands (state, submitted);
        CREATE TABLE bulk_items (
            command_id TEXT COLLATE "C" NOT NULL,
            seq BIGINT NOT NULL,
            document_id TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (command_id, seq)
        );
        CREATE TABLE bulk_output (
            command_id TEXT COLLATE "C" NOT NULL,
            seq BIGINT NOT NULL,
            line TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (command_id, seq)
        );
        """#
}

/// A directory (vocabulary) of `Spec/directories/`, mirroring Nuxeo's SQL directories: a schema, an id field,
/// an optional parent directory for hierarchical vocabularies, and entries seeded on first start.
public struct DirectoryDef: Sendable {
    /// Unique name (`continent`, `l10nsubjects`, …), as `/directory/{name}` addresses it.
    public var name: String
    /// Schema of the entries (declared in `Spec/repository/`).
    public var schema: String
    /// Field holding an entry's id (default `id`).
    public var idField: String
    /// Directory the `parent` field of entries points into (hierarchical vocabularies; may be the directory itself).
    public var parent: String?
    /// Whether entries cannot be created, updated or deleted over REST.
    public var readOnly: Bool
    /// Directory types (`vocabulary`, `system`, …) for `GET /directory?types=`; `system` hides the directory.
    public var types: [String]
    /// Other names the directory answers to (`subject` for `l10nsubjects`).
    public var aliases: [String]
    /// Entries created when the directory is empty, in written order.
    public var entries: [DirectoryEntryDef]
    /// Where it was defined.
    public var origin: SpecOrigin
}

/// A seed entry: schema field → value text (typed by the schema when stored), in written order.
public struct DirectoryEntryDef: Sendable {
    /// Field name → value text, defaults applied, in written order (defaults last).
    public var values: [(field: String, value: String)]
    /// Where each value's key was written, parallel to `values`.
    public var keyLocations: [SourceLocation]
    /// Where each value was written, parallel to `values`.
    public var valueLocations: [SourceLocation]
    /// Where it was written.
    public var location: SourceLocation

    /// The value of `field`, if given.
    public func value(_ field: String) -> String? { values.first { $0.field == field }?.value }
}

/// How a schema field's values resolve to other objects (Nuxeo's `ObjectResolver`).
public enum FieldResolverDef: Hashable, Sendable {
    /// Values are ids of entries of the named directory.
    case directory(String)
    /// Values are user names.
    case user
}

extension SpecModel {
    /// The directory named `name` (or with that alias).
    public func directory(_ name: String) -> DirectoryDef? {
        directories.first { $0.name == name } ?? directories.first { $0.aliases.contains(name) }
    }
}

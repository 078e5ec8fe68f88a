/// A document addressed by id (`/id/{docId}`) or by path (`/path/{docPath}`).
public enum DocumentRef: Sendable, Hashable, CustomStringConvertible {
    /// By uid.
    case id(String)
    /// By absolute path (`/` is the root).
    case path(String)

    /// The id or path, as Nuxeo's not-found messages show it.
    public var description: String {
        switch self {
        case .id(let id): return id
        case .path(let path): return path
        }
    }
}

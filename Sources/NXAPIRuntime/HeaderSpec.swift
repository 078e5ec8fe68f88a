/// A header an endpoint reads: its accepted spellings, whether the query twin counts, whether it is a list.
public struct HeaderSpec: Sendable {
    /// Canonical name.
    public var name: String
    /// Lower-cased accepted spellings.
    public var aliases: [String]
    /// Whether query parameters of the same names count.
    public var query: Bool
    /// Whether values are comma-separated lists.
    public var list: Bool

    public init(name: String, aliases: [String], query: Bool, list: Bool) {
        self.name = name
        self.aliases = aliases.map { $0.lowercased() }
        self.query = query
        self.list = list
    }
}

/// A bulk action as `Spec/bulk/` declares it: what callers may name, and its rules. The implementation is a `BulkAction`
/// with the same id.
public struct BulkActionDescriptor: Sendable, Hashable {
    /// A declared parameter.
    public struct Param: Sendable, Hashable {
        public var name: String
        /// `string`, `boolean`, `integer`, `[string]` or `object`.
        public var type: String
        public var description: String

        public init(name: String, type: String, description: String) {
            self.name = name
            self.type = type
            self.description = description
        }
    }

    public var id: String
    public var description: String
    /// Whether non-administrators may submit it over REST.
    public var httpEnabled: Bool
    /// Whether a second command of it is refused while one is active.
    public var exclusive: Bool
    /// Whether any property xpath is a parameter.
    public var xpathParams: Bool
    public var params: [Param]

    public init(id: String, description: String, httpEnabled: Bool, exclusive: Bool, xpathParams: Bool, params: [Param]) {
        self.id = id
        self.description = description
        self.httpEnabled = httpEnabled
        self.exclusive = exclusive
        self.xpathParams = xpathParams
        self.params = params
    }
}

/// One `input → output` pair of an operation signature (`document → document`).
public struct OperationSignature: Sendable, Hashable {
    /// Input type: `void`, `document`, `documents`, `blob`, `blobs` or `object`.
    public var input: String
    /// Output type, same vocabulary.
    public var output: String

    public init(input: String, output: String) {
        self.input = input
        self.output = output
    }
}

/// A parameter of an automation operation, as the registry (`GET /automation`) describes it.
public struct OperationParamDescriptor: Sendable, Hashable {
    /// Name clients send.
    public var name: String
    /// Type as Nuxeo writes it (`string`, `boolean`, `properties`, `stringlist`, `document`, …).
    public var type: String
    /// Whether a call must give it.
    public var required: Bool
    /// Documentation order (0 = unordered).
    public var order: Int
    /// Allowed values (documentation).
    public var values: [String]
    /// Default value as text, if any.
    public var defaultValue: String?
    /// What it means.
    public var description: String
    /// Other accepted names.
    public var aliases: [String]
    /// The UI widget Nuxeo's annotation names (`TextArea`, `Option`…), nil when none.
    public var widget: String?

    public init(name: String, type: String, required: Bool, order: Int, values: [String] = [], defaultValue: String? = nil,
                description: String, aliases: [String] = [], widget: String? = nil) {
        self.name = name
        self.type = type
        self.required = required
        self.order = order
        self.values = values
        self.defaultValue = defaultValue
        self.description = description
        self.aliases = aliases
        self.widget = widget
    }
}

/// An automation operation of the registry: identity, documentation, signature and parameters.
public struct OperationDescriptor: Sendable, Hashable {
    /// Unique id (`Document.Create`).
    public var id: String
    /// Other ids it answers to.
    public var aliases: [String]
    /// Category (`Document`, `Fetch`, `Notification`, …).
    public var category: String
    /// Short label.
    public var label: String
    /// What it does.
    public var description: String
    /// The Nuxeo version that introduced it, when its annotation says (`since` in the registry).
    public var since: String?
    /// Accepted input → output pairs.
    public var signature: [OperationSignature]
    /// Parameters, in Nuxeo's documentation order (order, then required first, then name).
    public var params: [OperationParamDescriptor]

    public init(id: String, aliases: [String] = [], category: String, label: String, description: String, since: String? = nil,
                signature: [OperationSignature], params: [OperationParamDescriptor]) {
        self.id = id
        self.aliases = aliases
        self.category = category
        self.label = label
        self.description = description
        self.since = since
        self.signature = signature
        self.params = params
    }

    /// Descriptors by id and by alias.
    public static func index(_ descriptors: [OperationDescriptor]) -> [String: OperationDescriptor] {
        var result: [String: OperationDescriptor] = [:]
        for descriptor in descriptors {
            result[descriptor.id] = descriptor
            for alias in descriptor.aliases where result[alias] == nil { result[alias] = descriptor }
        }
        return result
    }
}

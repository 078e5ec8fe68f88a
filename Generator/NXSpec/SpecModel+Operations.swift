/// The type of an automation operation parameter, as Nuxeo names it.
public enum OperationParamType: String, Sendable, CaseIterable {
    /// Text.
    case string
    /// `true` / `false` (also given as text).
    case boolean
    /// A 64-bit integer (Nuxeo `Integer`).
    case integer
    /// A 64-bit integer (Nuxeo `long`).
    case long
    /// An integer documented as Nuxeo's primitive `int` (`Directory.SuggestEntries` `limit`).
    case int
    /// A floating point number.
    case double
    /// A W3C date-time, kept as text.
    case date
    /// `key=value` lines or a JSON object (Nuxeo `Properties`).
    case properties
    /// A JSON array of strings or comma-separated text (Nuxeo `StringList`).
    case stringlist
    /// A document reference: uid, absolute path or `doc:` prefixed.
    case document
    /// Document references: a JSON array or comma-separated text.
    case documents
    /// Any JSON value (a Nuxeo `Object`/`Map` parameter).
    case object
    /// Any JSON value, documented as Nuxeo's `serializable` (`Document.SetProperty` `value`).
    case serializable
    /// A blob (`Document.SetBlob` `file`): blob JSON, read by the server.
    case blob
    /// A resource URL, as text (`Blob.CreateFromURL` `file`).
    case resource
}

/// The types an operation signature can name.
public enum OperationIOType {
    /// Allowed input and output types, in documentation order.
    public static let all = ["void", "document", "documents", "blob", "bloblist", "blobs", "object", "businessadapter", "string",
                              "boolean", "map", "paginable", "recordset"]
}

/// One `input → output` pair of an operation signature.
public struct OperationSignatureDef: Hashable, Sendable {
    /// Input type (`void`, `document`, …).
    public var input: String
    /// Output type.
    public var output: String

    /// Creates a pair.
    public init(input: String, output: String) {
        self.input = input
        self.output = output
    }
}

/// A parameter of an automation operation.
public struct OperationParamDef: Sendable {
    /// Name as clients send it.
    public var name: String
    /// Type.
    public var type: OperationParamType
    /// Whether a call must give it (or it has a default).
    public var required: Bool
    /// Documentation order (0 = unordered).
    public var order: Int
    /// Default value as text.
    public var defaultValue: String?
    /// Allowed values (documentation; the default must be one of them).
    public var values: [String]
    /// Other names accepted on input.
    public var aliases: [String]
    /// What it means.
    public var description: String
    /// The UI widget Nuxeo's `@Param` names (`TextArea`, `Option`…), written in the registry.
    public var widget: String?
    /// Where it was written.
    public var location: SourceLocation
}

/// An automation operation (`Spec/operations/*.yaml`).
public struct OperationDef: Sendable {
    /// Unique id (`Document.Create`).
    public var id: String
    /// Category (`Document`, `Fetch`, …).
    public var category: String
    /// Short label.
    public var label: String
    /// What it does.
    public var description: String
    /// Other ids it answers to.
    public var aliases: [String]
    /// Accepted input → output pairs, in written order.
    public var signature: [OperationSignatureDef]
    /// Parameters, in written order.
    public var params: [OperationParamDef]
    /// The `since` of Nuxeo's annotation (written in the registry when set).
    public var since: String? = nil
    /// Where it was defined.
    public var origin: SpecOrigin
}

/// A content enricher of an entity (`Spec/enrichers/*.yaml`).
public struct EnricherDef: Sendable {
    /// Name as requested (`enrichers-document: breadcrumb`).
    public var name: String
    /// The entity it enriches.
    public var entity: String
    /// What it writes.
    public var description: String
    /// Where it was defined.
    public var origin: SpecOrigin
}

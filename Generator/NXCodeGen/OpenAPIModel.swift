/// The OpenAPI 3.1 document nxgen writes, as typed values: what `OpenAPIEmitter` fills from the spec and
/// `OpenAPIDocument.yaml()` serialises. Only the parts of OpenAPI the document uses are modelled; maps whose order
/// matters to a reader (paths, properties, responses) are `OrderedMap`s, filled in a deterministic order.
struct OpenAPIDocument: Equatable {
    /// The OpenAPI version the document follows.
    static let version = "3.1.0"

    var info: Info
    var servers: [Server]
    /// Requirements any of which lets a request in (each maps a security scheme to its scopes).
    var security: [OrderedMap<[String]>]
    /// Path templates (relative to a server URL) and what they answer.
    var paths: OrderedMap<PathItem>
    var components: Components

    /// The `info` object.
    struct Info: Equatable {
        var title: String
        var version: String
        var description: String?
    }

    /// A base URL of the API.
    struct Server: Equatable {
        var url: String
    }

    /// The reusable parts: security schemes and schemas, by name.
    struct Components: Equatable {
        var securitySchemes: OrderedMap<SecurityScheme>
        var schemas: OrderedMap<Schema>
    }

    /// An HTTP authentication scheme (`type: http`).
    struct SecurityScheme: Equatable {
        /// The HTTP authorization scheme, as `basic`.
        var scheme: String
    }
}

extension OpenAPIDocument {
    /// The operations of one path, by lowercase HTTP method.
    struct PathItem: Equatable {
        var operations: OrderedMap<Operation>
    }

    /// One operation: its id, parameters, request body and responses by status.
    struct Operation: Equatable {
        var operationId: String
        var summary: String
        var parameters: [Parameter] = []
        var requestBody: RequestBody?
        /// Responses by status code, ascending.
        var responses: [(status: Int, response: Response)]

        static func == (a: Operation, b: Operation) -> Bool {
            a.operationId == b.operationId && a.summary == b.summary && a.parameters == b.parameters && a.requestBody == b.requestBody
                && a.responses.map(\.status) == b.responses.map(\.status) && a.responses.map(\.response) == b.responses.map(\.response)
        }

        /// The response given for `status`, if any.
        func response(_ status: Int) -> Response? { responses.first { $0.status == status }?.response }
    }

    /// A path, query or header parameter.
    struct Parameter: Equatable {
        /// Where a parameter is carried.
        enum Location: String, Equatable {
            case path, query, header
        }

        var name: String
        var location: Location
        var description: String?
        var required: Bool
        var schema: Schema
    }

    /// A request body: whether it must be sent, and its schema by media type.
    struct RequestBody: Equatable {
        var required: Bool
        var content: OrderedMap<MediaType>
    }

    /// A response: its description, headers and body by media type (none for an empty body).
    struct Response: Equatable {
        var description: String
        var headers: OrderedMap<Header> = [:]
        var content: OrderedMap<MediaType> = [:]
    }

    /// A response header.
    struct Header: Equatable {
        var description: String
        var schema: Schema
    }

    /// The schema of a body of one media type.
    struct MediaType: Equatable {
        var schema: Schema
    }
}

extension OpenAPIDocument {
    /// String-keyed entries in a fixed order (the order they are written in).
    struct OrderedMap<Value: Equatable>: Equatable, ExpressibleByDictionaryLiteral {
        /// The entries, in order; keys are expected to be unique.
        var entries: [(key: String, value: Value)]

        init(_ entries: [(key: String, value: Value)]) { self.entries = entries }
        init(dictionaryLiteral elements: (String, Value)...) { entries = elements.map { (key: $0.0, value: $0.1) } }

        static func == (a: OrderedMap, b: OrderedMap) -> Bool {
            a.entries.map(\.key) == b.entries.map(\.key) && a.entries.map(\.value) == b.entries.map(\.value)
        }

        var isEmpty: Bool { entries.isEmpty }
        var keys: [String] { entries.map(\.key) }

        /// The value of `key`; setting appends a new key or replaces the value in place.
        subscript(key: String) -> Value? {
            get { entries.first { $0.key == key }?.value }
            set {
                let index = entries.firstIndex { $0.key == key }
                switch (index, newValue) {
                case (let i?, let value?): entries[i].value = value
                case (let i?, nil): entries.remove(at: i)
                case (nil, let value?): entries.append((key: key, value: value))
                case (nil, nil): break
                }
            }
        }
    }
}

extension OpenAPIDocument.OrderedMap: Sendable where Value: Sendable {}

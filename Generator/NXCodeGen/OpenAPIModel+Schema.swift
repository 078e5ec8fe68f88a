import NXSpec

extension OpenAPIDocument {
    /// A JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it) limited to the keywords the OpenAPI document writes.
    /// Every keyword is optional; a schema with none is `{}` (any JSON value). Keywords nxgen does not model, copied from
    /// a spec's schema fragment, are kept verbatim in `other`.
    struct Schema: Equatable, Sendable {
        /// A JSON type a schema admits.
        enum JSONType: String, Equatable, CaseIterable, Sendable {
            case string, integer, number, boolean, object, array, null
        }

        /// `$ref`: the URI of the schema this one refers to (see `ref(_:)`).
        var ref: String?
        /// `type`: written as one name when it holds one type, as a list otherwise; empty means no `type` keyword.
        var types: [JSONType] = []
        var description: String?
        var format: String?
        var pattern: String?
        /// `enum`: the values admitted.
        var enumValues: [SpecJSON]?
        var minLength: Int?
        var maxLength: Int?
        var minimum: Int?
        var maximum: Int?
        var multipleOf: Int?
        /// `required`: property names an object must have.
        var required: [String]?
        var properties: OrderedMap<Schema>?
        var allOf: [Schema]?
        var anyOf: [Schema]?
        var oneOf: [Schema]?
        /// Other keywords, in order, as written in the spec (with their subschemas not translated).
        var other: OrderedMap<SpecJSON> = [:]
        /// Storage of `items` (a struct cannot hold an optional of itself directly).
        private var itemsStorage: [Schema] = []

        /// `items`: the schema of an array's elements.
        var items: Schema? {
            get { itemsStorage.first }
            set { itemsStorage = newValue.map { [$0] } ?? [] }
        }

        /// The empty schema `{}`, or one of the given `types`.
        init(types: [JSONType] = []) { self.types = types }

        /// A schema of one type.
        init(_ type: JSONType) { types = [type] }

        /// `$ref` to the component schema `name`.
        static func ref(_ name: String) -> Schema {
            var schema = Schema()
            schema.ref = "#/components/schemas/\(name)"
            return schema
        }

        /// `{ type: 'null' }`.
        static let null = Schema(.null)

        /// Whether this schema has no keyword (it admits any JSON value, null included).
        var isEmpty: Bool { self == Schema() }

        /// This schema with `null` also admitted: `null` joins `type` (and `enum`), or `enum` alone when the schema has
        /// no `type`, when nothing else in the schema would apply to it; otherwise (a `$ref`, a composition, neither
        /// `type` nor `enum`) the schema becomes `anyOf: [self, {type: 'null'}]`.
        func orNull() -> Schema {
            if isEmpty || types.contains(.null) { return self }
            let composed = ref != nil || allOf != nil || anyOf != nil || oneOf != nil || !other.isEmpty
            if types.isEmpty, !composed, let values = enumValues {
                // Only `enum` constrains the value: null joins it.
                var result = self
                if !values.contains(.null) { result.enumValues = values + [.null] }
                return result
            }
            guard !composed, !types.isEmpty else {
                var wrapper = Schema()
                wrapper.anyOf = [self, .null]
                return wrapper
            }
            var result = self
            result.types.append(.null)
            if result.enumValues != nil { result.enumValues?.append(.null) }
            return result
        }
    }
}

import HTTPTypes
import Hummingbird
import NXRuntime

/// A matched request as generated route code sees it: bindings, repository, query, headers, body and call context.
public struct APIRequest: Sendable {
    /// Path bindings.
    public var bindings: RouteBindings
    /// Selected repository.
    public var repository: String
    /// Decoded query parameters in order.
    public var query: [(String, String)]
    /// Request headers.
    public var headers: HTTPFields
    /// The request body, if read.
    public var body: [UInt8]
    /// The request body as a stream, for routes that stream it (then `body` is empty).
    public var bodyStream: NXRequestStream?
    /// Call context for handlers.
    public var call: NXCallContext

    public init(bindings: RouteBindings, repository: String, query: [(String, String)], headers: HTTPFields, body: [UInt8], call: NXCallContext) {
        self.bindings = bindings
        self.repository = repository
        self.query = query
        self.headers = headers
        self.body = body
        self.call = call
    }

    /// The streamed body of a streaming route.
    public func stream() throws -> NXRequestStream {
        guard let bodyStream else { throw NXError.internal("the route does not stream its body") }
        return bodyStream
    }

    /// A bound document reference.
    public func docRef(_ name: String) throws -> DocumentRef {
        guard let ref = bindings.docRefs[name] else { throw NXError.invalid("missing document reference '\(name)'") }
        return ref
    }

    /// A bound path parameter.
    public func pathParam(_ name: String) throws -> String {
        guard let value = bindings.params[name] else { throw NXError.invalid("missing path parameter '\(name)'") }
        return value
    }

    /// The first value of query parameter `name`, as JAX-RS reads a single-valued parameter (names are case-sensitive).
    public func queryString(_ name: String) -> String? { query.first { $0.0 == name }?.1 }

    /// An integer query parameter: the first non-empty value; any value that is neither empty nor an integer → 400.
    public func queryInt(_ name: String) throws -> Int? {
        try typedQuery(name) { text in
            guard let value = Int(text.trimmingWhitespace) else {
                throw NXError.invalid("Invalid value '\(text)' for query parameter '\(name)': an integer is expected")
            }
            return value
        }
    }

    /// A boolean query parameter (`true`/`false`, any case): the first non-empty value; any other value → 400.
    public func queryBool(_ name: String) throws -> Bool? {
        try typedQuery(name) { text in
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: throw NXError.invalid("Invalid value '\(text)' for query parameter '\(name)': true or false is expected")
            }
        }
    }

    /// Every non-empty value of `name` decoded (so a repeated parameter cannot hide a bad value); the first one is used.
    func typedQuery<T>(_ name: String, _ decode: (String) throws -> T) throws -> T? {
        var first: T?
        for (key, text) in query where key == name && !text.isEmpty {
            let value = try decode(text)
            if first == nil { first = value }
        }
        return first
    }

    /// A list query parameter: repeated and/or comma-separated values, trimmed, empty ones dropped.
    public func queryList(_ name: String) -> [String]? {
        let values = query.filter { $0.0 == name }.map(\.1)
        guard !values.isEmpty else { return nil }
        return values.flatMap { $0.split(separator: ",").map { String($0).trimmingWhitespace } }.filter { !$0.isEmpty }
    }

    /// All values given for `spec` in headers (and the query when allowed), case-insensitive names,
    /// comma-split when a list, trimmed, de-duplicated in first-seen order.
    public func headerValues(_ spec: HeaderSpec) -> [String] {
        var raw: [String] = []
        for field in headers where spec.aliases.contains(field.name.canonicalName) {
            raw.append(field.value)
        }
        if spec.query {
            for (key, value) in query where spec.aliases.contains(key.lowercased()) { raw.append(value) }
        }
        guard spec.list else { return raw.map(\.trimmingWhitespace) }
        var seen = Set<String>()
        var result: [String] = []
        for value in raw {
            for part in value.split(separator: ",") {
                let item = String(part).trimmingWhitespace
                if !item.isEmpty, seen.insert(item).inserted { result.append(item) }
            }
        }
        return result
    }

    /// The single value of a non-list header, if given.
    public func headerValue(_ spec: HeaderSpec) -> String? { headerValues(spec).first }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "field '\(path)' must be \(type)"
        case DecodingError.dataCorrupted(let context):
            return context.debugDescription
        default:
            return "\(error)"
        }
    }
}

extension APIRequest {
    /// The fields of an `application/x-www-form-urlencoded` body, in order (`+` is a space); none for another body.
    public var formFields: [(String, String)] {
        guard let type = headers[.contentType]?.lowercased(), type.hasPrefix("application/x-www-form-urlencoded") else { return [] }
        let text = String(decoding: body, as: UTF8.self)
        return text.split(separator: "&").compactMap { pair in
            guard !pair.isEmpty else { return nil }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? PercentEncoding.decode(parts[1], plusAsSpace: true) : ""
            return (PercentEncoding.decode(parts[0], plusAsSpace: true), value)
        }
    }

    /// The request as seen through its form fields: the query decoders (`queryString`, `queryInt`…) read the body.
    var formRequest: APIRequest {
        var copy = self
        copy.query = formFields
        return copy
    }

    /// The first value of form field `name`.
    public func formString(_ name: String) -> String? { formRequest.queryString(name) }
    /// An integer form field; any other non-empty value → 400.
    public func formInt(_ name: String) throws -> Int? { try formRequest.queryInt(name) }
    /// A boolean form field (`true`/`false`); any other non-empty value → 400.
    public func formBool(_ name: String) throws -> Bool? { try formRequest.queryBool(name) }
    /// A list form field: repeated and/or comma-separated values.
    public func formList(_ name: String) -> [String]? { formRequest.queryList(name) }
}

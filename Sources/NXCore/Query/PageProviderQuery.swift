import NXRuntime

/// Parameters of a page provider execution: ordered `?` values and named values (request parameters and search-document properties).
public struct PageProviderParameters: Sendable {
    /// Values of `?`, in order.
    public var ordered: [String]
    /// Named values by key (`title`, `np:title`, `dc_nature_agg`, …).
    public var named: [String: String]

    public init(ordered: [String] = [], named: [String: String] = [:]) {
        self.ordered = ordered
        self.named = named
    }
}

/// Builds the NXQL of a page provider the way Nuxeo's NXQLQueryBuilder does (server-behaviour §7.1, §7.2).
public struct PageProviderQuery {
    let definition: PageProviderDefinition
    let registry: SchemaRegistry

    public init(definition: PageProviderDefinition, registry: SchemaRegistry) {
        self.definition = definition
        self.registry = registry
    }

    /// The provider's query as NXQL text, parameters substituted (a pattern keeps its own ORDER BY, if any).
    public func nxql(_ parameters: PageProviderParameters) throws -> String {
        if let pattern = definition.pattern { return try patternText(pattern, parameters) }
        guard let clause = definition.whereClause else { return Self.everything }
        return text(clause, try elements(clause, parameters))
    }

    /// The provider's query parsed once: a pattern as one query; a whereClause as its select statement constrained by each
    /// predicate and the fixed part, each parsed alone and ANDed as one node (a subclause cannot reach beyond itself).
    /// A query that does not parse → 400 `Failed to execute query: <query>, <cause>`.
    public func parsed(_ parameters: PageProviderParameters) throws -> (text: String, query: NXQLQuery) {
        if let pattern = definition.pattern {
            let text = try patternText(pattern, parameters)
            return (text, try Self.parsing(text) { try NXQLParser.parse(text) })
        }
        guard let clause = definition.whereClause else { return (Self.everything, try NXQLParser.parse(Self.everything)) }
        let elements = try elements(clause, parameters)
        let text = self.text(clause, elements)
        return (text, try Self.parsing(text) {
            try NXQLParser.parse(clause.selectStatement).constrained(by: try elements.map(NXQLParser.parseCondition))
        })
    }

    /// `body`, its query errors reported as Nuxeo's query error on `text`.
    static func parsing<T>(_ text: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as NXQLError {
            throw NXError.invalid("Failed to execute query: \(text), \(error)")
        }
    }

    /// The query of a provider with neither pattern nor whereClause.
    static let everything = "SELECT * FROM Document"

    /// A pattern with its `:named` and `?` parameters substituted.
    func patternText(_ pattern: String, _ parameters: PageProviderParameters) throws -> String {
        let named = try substituteNamed(collapse(pattern), parameters.named)
        return try substituteOrdered(named, parameters.ordered, quote: definition.quotePatternParameters,
                                     escape: definition.escapePatternParameters)
    }

    /// The NXQL of each predicate that has a value, then the fixed part in parentheses.
    func elements(_ clause: WhereClauseDefinition, _ parameters: PageProviderParameters) throws -> [String] {
        var elements: [String] = []
        for predicate in clause.predicates {
            if let element = try self.predicate(predicate, parameters.named) { elements.append(element) }
        }
        if let fixed = clause.fixedPart, !fixed.isEmpty {
            elements.append("(" + (try substituteOrdered(collapse(fixed), parameters.ordered, quote: clause.quoteFixedPartParameters,
                                                       escape: clause.escapeFixedPartParameters)) + ")")
        }
        return elements
    }

    /// The whereClause query as text: elements ANDed after the select statement (a lone parenthesised element unwrapped).
    func text(_ clause: WhereClauseDefinition, _ elements: [String]) -> String {
        guard !elements.isEmpty else { return clause.selectStatement }
        if elements.count == 1, elements[0].hasPrefix("("), elements[0].hasSuffix(")") {
            return clause.selectStatement + " WHERE " + String(elements[0].dropFirst().dropLast())
        }
        return clause.selectStatement + " WHERE " + elements.joined(separator: " AND ")
    }

    func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace }.joined(separator: " ").trimmingWhitespace
    }

    /// `NXQL.escapeString`: `\` → `\\`, `'` → `\'`, newline → `\n`, wrapped in quotes.
    public static func escape(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'").replacingOccurrences(of: "\n", with: "\\n") + "'"
    }

    /// A parameter as written into the query (NXQLQueryBuilder.prepareStringLiteral): quoted and escaped, quoted,
    /// escaped only (for a pattern that quotes it itself, `LIKE '?*'`), or as is.
    func render(_ value: String, quote: Bool, escape: Bool) -> String {
        if quote { return escape ? Self.escape(value) : "'\(value)'" }
        return escape ? String(Self.escape(value).dropFirst().dropLast()) : value
    }

    /// `?` → i-th ordered parameter; fewer parameters drop the rest of the pattern (Nuxeo's quirk); more → error.
    func substituteOrdered(_ pattern: String, _ values: [String], quote: Bool, escape: Bool) throws -> String {
        let parts = (pattern + " ").split(separator: "?", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern }
        if values.count > parts.count - 1 {
            throw NXError.invalid("Failed to execute query: \(pattern), too many parameters: \(values.count) for \(parts.count - 1) placeholders")
        }
        var result = parts[0]
        for (i, value) in values.enumerated() {
            result += render(value, quote: quote, escape: escape) + parts[i + 1]
        }
        return result.trimmingWhitespace
    }

    /// `:name` → the named value as a literal (`namedLiteral`); absent names are left as written (then a query error).
    func substituteNamed(_ pattern: String, _ named: [String: String]) throws -> String {
        var result = ""
        var chars = Array(pattern)[...]
        var inString: Character?
        var previous: Character = " "
        while let c = chars.popFirst() {
            if let q = inString {
                result.append(c)
                if c == "\\", let next = chars.popFirst() { result.append(next) } else if c == q { inString = nil }
                previous = c
                continue
            }
            if c == "'" || c == "\"" {
                inString = c
                result.append(c)
                previous = c
                continue
            }
            if c == ":", !(previous.isLetter), let first = chars.first, first.isLetter || first.isNumber {
                var name = ""
                while let n = chars.first, n.isLetter || n.isNumber || n == ":" || n == "_" {
                    name.append(n)
                    chars.removeFirst()
                }
                if let value = named[name] {
                    result += Self.namedLiteral(value)
                } else {
                    result += ":" + name
                }
                previous = name.last ?? c
                continue
            }
            result.append(c)
            previous = c
        }
        return result
    }

    /// A named value as an NXQL literal. A value is data, never NXQL: lists → `('a', 'b')`, `true`/`false` → `1`/`0`, a
    /// plain decimal number as written, anything else an escaped string literal (whatever the provider's quote flags).
    static func namedLiteral(_ value: String) -> String {
        if let list = jsonList(value) { return "(" + list.map(escape).joined(separator: ", ") + ")" }
        if value == "true" { return "1" }
        if value == "false" { return "0" }
        return isDecimal(value) ? value : escape(value)
    }

    /// `-?digits(.digits)?`, within 30 characters.
    static func isDecimal(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        return text.count <= 30 && (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// `["a","b"]` → `[a, b]`; nil when the text is not a JSON array of strings.
    static func jsonList(_ text: String) -> [String]? {
        guard text.hasPrefix("["), let value = try? NXJSON.parse(Array(text.utf8)), case .array(let items) = value else { return nil }
        return items.compactMap { item in
            switch item {
            case .string(let s): return s
            case .int(let i): return String(i)
            case .double(let d): return String(d)
            case .bool(let b): return b ? "true" : "false"
            default: return nil
            }
        }
    }
}

import NXRuntime

/// A saved search: a query (with language) or a page provider, plus stored execution parameters.
public struct SavedSearch: Sendable, Equatable {
    public var id: String?
    public var title: String?
    public var queryParams: String?
    public var query: String?
    public var queryLanguage: String?
    public var providerName: String?
    public var pageSize: Int64?
    public var currentPageIndex: Int64?
    public var maxResults: Int64?
    public var sortBy: String?
    public var sortOrder: String?
    public var contentViewData: String?
    /// Named parameters in order (on a request: every `params` entry, before the search-document ones are split off).
    public var namedParams: [(String, String)]
    /// The document type it is stored as (`SavedSearch`, or its provider's search document type); nil before it is stored.
    public var type: String?
    /// Parameters stored as properties of the search document's own schemas (`defaults:dc_nature`), typed.
    public var searchProperties: JSONObject
    /// The stored document, once saved.
    public var document: DocumentRecord?

    public init(id: String? = nil, title: String? = nil, queryParams: String? = nil, query: String? = nil, queryLanguage: String? = nil,
                providerName: String? = nil, pageSize: Int64? = nil, currentPageIndex: Int64? = nil, maxResults: Int64? = nil,
                sortBy: String? = nil, sortOrder: String? = nil, contentViewData: String? = nil, namedParams: [(String, String)] = [],
                type: String? = nil, searchProperties: JSONObject = JSONObject(), document: DocumentRecord? = nil) {
        self.id = id
        self.title = title
        self.queryParams = queryParams
        self.query = query
        self.queryLanguage = queryLanguage
        self.providerName = providerName
        self.pageSize = pageSize
        self.currentPageIndex = currentPageIndex
        self.maxResults = maxResults
        self.sortBy = sortBy
        self.sortOrder = sortOrder
        self.contentViewData = contentViewData
        self.namedParams = namedParams
        self.type = type
        self.searchProperties = searchProperties
        self.document = document
    }

    public static func == (a: SavedSearch, b: SavedSearch) -> Bool {
        a.id == b.id && a.title == b.title && a.queryParams == b.queryParams && a.query == b.query && a.queryLanguage == b.queryLanguage
            && a.providerName == b.providerName && a.pageSize == b.pageSize && a.currentPageIndex == b.currentPageIndex
            && a.maxResults == b.maxResults && a.sortBy == b.sortBy && a.sortOrder == b.sortOrder && a.contentViewData == b.contentViewData
            && a.namedParams.map(\.0) == b.namedParams.map(\.0) && a.namedParams.map(\.1) == b.namedParams.map(\.1)
            && a.type == b.type && a.searchProperties == b.searchProperties
    }

    /// Nuxeo's validation (InvalidSearchParameterException → 400).
    public func validate() throws {
        guard let title, !title.trimmingWhitespace.isEmpty else { throw NXError.invalid("title cannot be empty") }
        let hasQuery = !(query ?? "").isEmpty, hasLanguage = !(queryLanguage ?? "").isEmpty, hasProvider = !(providerName ?? "").isEmpty
        if (hasQuery || hasLanguage) && hasProvider {
            throw NXError.invalid("query and page provider parameters are mutually exclusive (query, queryLanguage, pageProviderName)")
        }
        if !hasQuery && !hasLanguage && !hasProvider {
            throw NXError.invalid("query or page provider parameters are missing (query, queryLanguage, pageProviderName)")
        }
        if hasQuery && !hasLanguage { throw NXError.invalid("queryLanguage parameter is missing") }
        if hasLanguage && !hasQuery { throw NXError.invalid("query parameter is missing") }
    }

    /// Document properties of the `saved_search` and `dublincore` schemas, then the search-document parameters.
    var properties: JSONObject {
        func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        func number(_ n: Int64?) -> JSONValue { n.map(JSONValue.int) ?? .null }
        var result: JSONObject = [
            "dc:title": text(title), "saved:queryParams": text(queryParams), "saved:query": text(query), "saved:queryLanguage": text(queryLanguage),
            "saved:providerName": text(providerName), "saved:pageSize": number(pageSize), "saved:currentPageIndex": number(currentPageIndex),
            "saved:maxResults": number(maxResults), "saved:sortBy": text(sortBy), "saved:sortOrder": text(sortOrder),
            "saved:contentViewData": text(contentViewData),
            "saved:namedParams": .array(namedParams.map { JSONValue.object(["key": .string($0.0), "value": .string($0.1)]) }),
        ]
        for (key, value) in searchProperties { result[key] = value }
        return result
    }

    /// Reads a saved search back from its document; `registry` tells which of its properties are search parameters.
    init(_ document: DocumentRecord, registry: SchemaRegistry) {
        let p = document.properties
        func text(_ key: String) -> String? { p[key]?.stringValue }
        func number(_ key: String) -> Int64? { if case .int(let i)? = p[key] { return i } else { return nil } }
        self.init(
            id: document.id, title: text("dc:title"), queryParams: text("saved:queryParams"), query: text("saved:query"),
            queryLanguage: text("saved:queryLanguage"), providerName: text("saved:providerName"), pageSize: number("saved:pageSize"),
            currentPageIndex: number("saved:currentPageIndex"), maxResults: number("saved:maxResults"), sortBy: text("saved:sortBy"),
            sortOrder: text("saved:sortOrder"), contentViewData: text("saved:contentViewData"),
            namedParams: (p["saved:namedParams"]?.arrayValue ?? []).compactMap { item in
                guard let key = item.objectValue?["key"]?.stringValue else { return nil }
                return (key, item.objectValue?["value"]?.stringValue ?? "")
            },
            type: document.type, document: document)
        for schema in registry.ownSchemas(of: document.type) {
            for field in schema.fields {
                let key = "\(schema.prefix):\(field.name)"
                if let value = p[key] { searchProperties[key] = value }
            }
        }
    }
}

import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// The operations of Spec/operations/, on the repository. One function per operation; parameters arrive decoded.
struct DocumentOperations: NXOperationHandlers {
    typealias Value = OperationValue
    typealias Context = OperationContext

    func documentCreate(_ input: Value, _ params: DocumentCreateParams, context: Context) async throws -> Value {
        try await context.each(input) { parent in
            try await context.repository.create(
                in: .id(parent.id), type: params.type, name: params.name ?? "Untitled",
                properties: context.properties(params.properties, type: params.type), principal: context.principal)
        }
    }

    func documentUpdate(_ input: Value, _ params: DocumentUpdateParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            try await context.repository.update(
                .id(document.id), properties: context.properties(params.properties, of: document), changeToken: params.changeToken,
                userChange: params.changeToken != nil, principal: context.principal)
        }
    }

    func documentSetProperty(_ input: Value, _ params: DocumentSetPropertyParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            let values = context.properties([params.xpath: params.value ?? .null], of: document)
            return try await context.repository.update(.id(document.id), properties: values, changeToken: nil, userChange: false,
                                                       principal: context.principal)
        }
    }

    func documentDelete(_ input: Value, _ params: DocumentDeleteParams, context: Context) async throws -> Value {
        for document in try await context.documents(input) { try await context.repository.delete(.id(document.id), principal: context.principal) }
        return .void
    }

    func documentGetChild(_ input: Value, _ params: DocumentGetChildParams, context: Context) async throws -> Value {
        let parent = try await context.document(input)
        guard let child = try await context.repository.childList(of: parent, principal: context.principal).first(where: { $0.name == params.name }) else {
            throw NXError.notFound(Repository.childPath(parent.path, params.name))
        }
        return .document(child)
    }

    func documentGetChildren(_ input: Value, _ params: DocumentGetChildrenParams, context: Context) async throws -> Value {
        var result: [DocumentRecord] = []
        for parent in try await context.documents(input) { result += try await context.repository.childList(of: parent, principal: context.principal) }
        return .documents(result)
    }

    func documentGetParent(_ input: Value, _ params: DocumentGetParentParams, context: Context) async throws -> Value {
        var parents: [DocumentRecord] = []
        for document in try await context.documents(input) {
            var cursor = document.parentId
            while let id = cursor {
                let parent = try await context.repository.document(.id(id), principal: context.principal)
                if params.type == nil || params.type == parent.type {
                    parents.append(parent)
                    break
                }
                cursor = parent.parentId
            }
        }
        if case .document = input { return parents.first.map(OperationValue.document) ?? .void }
        if case .reference(let text) = input, !text.contains(",") { return parents.first.map(OperationValue.document) ?? .void }
        return .documents(parents)
    }

    func documentCopy(_ input: Value, _ params: DocumentCopyParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            try await context.repository.copy(.id(document.id), to: params.target, name: params.name, resetLifeCycle: params.resetLifeCycle,
                                              principal: context.principal)
        }
    }

    func documentMove(_ input: Value, _ params: DocumentMoveParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            try await context.repository.move(.id(document.id), to: params.target, name: params.name, principal: context.principal)
        }
    }

    func documentFollowLifecycleTransition(_ input: Value, _ params: DocumentFollowLifecycleTransitionParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            try await context.repository.followTransition(.id(document.id), transition: params.value, principal: context.principal)
        }
    }

    func documentTrash(_ input: Value, _ params: DocumentTrashParams, context: Context) async throws -> Value {
        try await context.each(input) { try await context.repository.trash(.id($0.id), principal: context.principal) }
    }

    func documentUntrash(_ input: Value, _ params: DocumentUntrashParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            guard document.isTrashed else { throw NXError.forbidden("Cannot untrash these documents") }
            return try await context.repository.untrash(.id(document.id), principal: context.principal)
        }
    }

    func documentLock(_ input: Value, _ params: DocumentLockParams, context: Context) async throws -> Value {
        try await context.each(input) { try await context.repository.lock(.id($0.id), principal: context.principal) }
    }

    func documentUnlock(_ input: Value, _ params: DocumentUnlockParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            try await context.repository.unlock(.id(document.id), principal: context.principal)
        }
    }

    /// Checks in a checked-out document (`version`: minor or major; anything else is minor) and returns the live document.
    func documentCheckIn(_ input: Value, _ params: DocumentCheckInParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            guard document.isCheckedOut else { return document }
            let increment: VersionIncrement = params.version.lowercased() == "major" ? .major : .minor
            _ = try await context.repository.checkIn(.id(document.id), increment: increment, comment: params.comment, principal: context.principal)
            return try await context.repository.document(.id(document.id), principal: context.principal)
        }
    }

    func documentCheckOut(_ input: Value, _ params: DocumentCheckOutParams, context: Context) async throws -> Value {
        try await context.each(input) { try await context.repository.checkOut(.id($0.id), principal: context.principal) }
    }

    /// `increment` None saves only; Minor/Major snapshot a version. Returns the live document.
    func documentCreateVersion(_ input: Value, _ params: DocumentCreateVersionParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            let increment: VersionIncrement?
            switch params.increment.lowercased() {
            case "minor": increment = .minor
            case "major": increment = .major
            case "none": increment = nil
            default: throw NXError.invalid("Invalid increment: \(params.increment), expected None, Minor or Major")
            }
            guard let increment else { return document }
            _ = try await context.repository.update(.id(document.id), properties: nil, changeToken: nil, userChange: false,
                                                    principal: context.principal, versioning: increment)
            return try await context.repository.document(.id(document.id), principal: context.principal)
        }
    }

    func documentGetVersions(_ input: Value, _ params: DocumentGetVersionsParams, context: Context) async throws -> Value {
        .documents(try await context.repository.versions(of: .id(try await context.document(input).id), principal: context.principal))
    }

    func repositoryGetDocument(_ input: Value, _ params: RepositoryGetDocumentParams, context: Context) async throws -> Value {
        .document(try await context.repository.document(params.value, principal: context.principal))
    }

    /// An NXQL query, paged (`Repository.Query`), with `?` parameters and `:named` parameters.
    func repositoryQuery(_ input: Value, _ params: RepositoryQueryParams, context: Context) async throws -> Value {
        guard params.language.uppercased() == "NXQL" else { throw NXError.invalid("Unsupported query language: \(params.language)") }
        let nxql = params.query.flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0 } ?? "SELECT * FROM Document"
        let request = PageRequest(pageSize: params.pageSize, currentPageIndex: params.currentPageIndex, maxResults: params.maxResults.map(String.init),
                                  sort: Self.sortKeys(params.sortBy, params.sortOrder))
        let result = try await Self.runQuery(nxql, request: request, queryParams: params.queryParams, namedParameters: params.namedParameters,
                                             quote: params.quotePatternParameters, escape: params.escapePatternParameters, context: context)
        return .page(result.page)
    }

    /// Runs an NXQL query as `Repository.Query` does: with the REST search adapter's settings, its `?` parameters
    /// (quoted and escaped unless told otherwise) and `:named` parameters.
    static func runQuery(_ nxql: String, request: PageRequest, queryParams: [String]?, namedParameters: JSONObject?, quote: Bool = true,
                         escape: Bool = true, context: Context) async throws -> QueryResult {
        var definition = context.repository.registry.pageProviders["REST_API_SEARCH_ADAPTER"] ?? PageProviderDefinition(name: "REST_API_SEARCH_ADAPTER")
        definition.pattern = nxql
        definition.whereClause = nil
        definition.quotePatternParameters = quote
        definition.escapePatternParameters = escape
        let options = QueryOptions(request: request, defaultPageSize: definition.pageSize, maxPageSize: definition.maxPageSize ?? 1000,
                                   principal: context.principal)
        return try await context.repository.run(
            provider: definition, parameters: PageProviderParameters(ordered: queryParams ?? [], named: named(namedParameters)), options: options)
    }

    /// `Log`: writes `message` to the server log at `level`; returns its input.
    func log(_ input: Value, _ params: LogParams, context: Context) async throws -> Value {
        let message = "\(params.category.map { "[\($0)] " } ?? "")\(params.message)"
        switch params.level.lowercased() {
        case "error": context.call.logger.error("\(message)")
        case "warn": context.call.logger.warning("\(message)")
        case "debug": context.call.logger.debug("\(message)")
        default: context.call.logger.info("\(message)")
        }
        return input
    }
}

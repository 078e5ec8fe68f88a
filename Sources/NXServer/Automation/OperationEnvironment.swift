import NXCore
import NXExpression
import NXRuntime

/// What `expr:` values see (Nuxeo's MVEL context, reduced to data): `Context`/`ctx` (the call's variables),
/// `ChainParameters`, `Document`/`This` (the input), `CurrentUser`, `CurrentDate`, and `WorkflowVariables` /
/// `NodeVariables` when a variable of that name holds a map. Nothing here reaches a service or runs code.
struct OperationEnvironment: ExpressionEnvironment {
    let context: OperationContext
    let input: OperationValue
    let user: UserRecord?
    /// `Fn`, when the expression uses it.
    var functions: FunctionsObject?
    var now: ExpressionDate { ExpressionDate(millisecondsSince1970: context.repository.nowMillis) }

    func root(_ name: String) -> ExpressionValue? {
        switch name {
        case "Context", "ctx":
            return .object(ContextObject(state: context.state))
        case "ChainParameters": return ExpressionValue(json: .object(context.chainParameters))
        case "Document":
            // A list input: its first document (Nuxeo's Scripting binds `Document` so; `This` stays the list).
            if case .documents(let documents) = input { return documents.first.map { .object(DocumentObject(document: $0)) } ?? .null }
            if case .void = input { return .null }
            return input.expressionValue
        case "This":
            if case .void = input { return .null }
            return input.expressionValue
        case "CurrentUser", "currentUser":
            return .object(PrincipalObject(principal: context.principal, user: user))
        case "WorkflowVariables":
            return context.state.variable(name)?.expressionValue ?? .map([])
        case "NodeVariables":
            guard case .map(let pairs)? = context.state.variable(name)?.expressionValue else { return .map([]) }
            return .map(pairs.map { pair in
                guard pair.key == "tasks", case .list(let tasks) = pair.value else { return pair }
                return (key: pair.key, value: .object(TasksInfoObject(tasks: tasks)))
            })
        case "Env": return .map([])
        case "Fn": return functions.map { .object($0) } ?? .null
        default:
            // A workflow's contextual values are context variables, read by their bare names (`workflowInitiator`).
            guard NXExpression.workflowRoots.contains(name) else { return nil }
            return context.state.variable(name)?.expressionValue ?? .null
        }
    }
}

extension OperationValue {
    /// The value as expressions see it: documents and files are host objects.
    var expressionValue: ExpressionValue {
        switch self {
        case .void: return .null
        case .reference(let text): return .string(text)
        case .document(let document): return .object(DocumentObject(document: document))
        case .documents(let documents): return .list(documents.map { .object(DocumentObject(document: $0)) })
        case .page(let page): return .list(page.entries.map { .object(DocumentObject(document: $0)) })
        case .blob(let blob): return .object(BlobObject(blob: blob))
        case .blobs(let blobs): return .list(blobs.map { .object(BlobObject(blob: $0)) })
        case .json(let value): return ExpressionValue(json: value)
        }
    }

    /// An expression's result as an operation value: documents and files keep their identity.
    init(_ value: ExpressionValue) {
        switch value {
        case .object(let object as DocumentObject): self = .document(object.document)
        case .object(let object as BlobObject): self = .blob(object.blob)
        case .list(let items) where !items.isEmpty && items.allSatisfy({ if case .object(_ as DocumentObject) = $0 { true } else { false } }):
            self = .documents(items.compactMap { if case .object(let object as DocumentObject) = $0 { object.document } else { nil } })
        case .list(let items) where !items.isEmpty && items.allSatisfy({ if case .object(_ as BlobObject) = $0 { true } else { false } }):
            self = .blobs(items.compactMap { if case .object(let object as BlobObject) = $0 { object.blob } else { nil } })
        default: self = .json(value.json)
        }
    }
}

/// A document in an expression (Nuxeo's `DocumentWrapper`): `Document.title`, `Document["dc:title"]`,
/// `Document.getPropertyValue("dc:title")`, and the usual getters.
struct DocumentObject: JSONRepresentableObject {
    var jsonValue: JSONValue { .string(document.id) }
    let document: DocumentRecord
    var text: String { document.id }
    var kindName: String { "a document" }

    func member(_ name: String) throws(ExpressionError) -> ExpressionValue {
        switch name {
        case "id", "uid", "ref": return .string(document.id)
        case "name": return .string(document.name)
        case "title": return .string(document.title)
        case "description": return ExpressionValue(json: document.properties["dc:description"] ?? .null)
        case "type": return .string(document.type)
        case "path", "pathAsString": return .string(document.path)
        case "parentId": return document.parentId.map(ExpressionValue.string) ?? .null
        case "lifeCycle", "currentLifeCycleState": return document.state.map(ExpressionValue.string) ?? .null
        case "versionLabel": return document.versionLabel.map(ExpressionValue.string) ?? .null
        case "repository", "repositoryName": return .string("default")
        case "version", "isVersion": return .bool(document.isVersion)
        case "proxy", "isProxy": return .bool(document.isProxy)
        case "locked", "isLocked": return .bool(document.lockOwner != nil)
        case "lockOwner": return document.lockOwner.map(ExpressionValue.string) ?? .null
        case "checkedOut", "isCheckedOut": return .bool(document.isCheckedOut)
        case "trashed", "isTrashed": return .bool(document.isTrashed)
        case "changeToken": return .string(document.changeTokenString)
        default: throw ExpressionError("Unknown document property '\(name)' (use Document[\"prefix:name\"] for a field)")
        }
    }

    func index(_ key: ExpressionValue) throws(ExpressionError) -> ExpressionValue {
        guard case .string(let xpath) = key else { throw ExpressionError("A document field is named by a string") }
        return ExpressionValue(json: document.properties[xpath] ?? .null)
    }

    func call(_ method: String, _ arguments: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
        switch (method, arguments.count) {
        case ("getPropertyValue", 1), ("getProperty", 1): return try index(arguments[0])
        case ("getId", 0): return try member("id")
        case ("getName", 0): return try member("name")
        case ("getTitle", 0): return try member("title")
        case ("getType", 0): return try member("type")
        case ("getPath", 0), ("getPathAsString", 0): return try member("path")
        case ("getCurrentLifeCycleState", 0), ("getLifeCycle", 0): return try member("lifeCycle")
        case ("getVersionLabel", 0): return try member("versionLabel")
        case ("isVersion", 0), ("isProxy", 0), ("isLocked", 0), ("isCheckedOut", 0), ("isTrashed", 0): return try member(method)
        case ("getParentRef", 0): return try member("parentId")
        default: throw ExpressionError("Method '\(method)' with \(arguments.count) argument(s) is not available on a document")
        }
    }
}

/// A file in an expression: `filename`, `mimeType`, `length`, `digest`, `encoding` (and their getters).
struct BlobObject: ExpressionObject {
    let blob: BlobValue
    var text: String { blob.name ?? "" }
    var kindName: String { "a file" }

    func member(_ name: String) throws(ExpressionError) -> ExpressionValue {
        switch name {
        case "filename", "name": return blob.name.map(ExpressionValue.string) ?? .null
        case "mimeType": return blob.mimeType.map(ExpressionValue.string) ?? .null
        case "encoding": return blob.encoding.map(ExpressionValue.string) ?? .null
        case "length": return .int(blob.length)
        case "digest": return .string(blob.digest)
        case "digestAlgorithm": return .string(blob.digestAlgorithm)
        default: throw ExpressionError("Unknown file property '\(name)'")
        }
    }

    func index(_ key: ExpressionValue) throws(ExpressionError) -> ExpressionValue {
        guard case .string(let name) = key else { throw ExpressionError("A file property is named by a string") }
        return try member(name)
    }

    func call(_ method: String, _ arguments: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
        guard arguments.isEmpty, method.hasPrefix("get"), method.count > 3 else {
            throw ExpressionError("Method '\(method)' is not available on a file")
        }
        let property = method.dropFirst(3)
        return try member(property.prefix(1).lowercased() + property.dropFirst())
    }
}

/// The user operations run as (Nuxeo's `PrincipalWrapper`): `name`, `firstName`, `lastName`, `email`, `company`,
/// `groups`, `isAdministrator()`, `isMemberOf(group)`, `["user:email"]`.
struct PrincipalObject: ExpressionObject {
    let principal: Principal
    let user: UserRecord?
    var text: String { principal.name }
    var kindName: String { "a user" }

    func member(_ name: String) throws(ExpressionError) -> ExpressionValue {
        func optional(_ text: String?) -> ExpressionValue { text.map(ExpressionValue.string) ?? .null }
        switch name {
        case "name", "username", "actingUser", "originatingUser": return .string(principal.name)
        case "firstName": return optional(user?.firstName)
        case "lastName": return optional(user?.lastName)
        case "email": return optional(user?.email)
        case "company": return optional(user?.company)
        case "tenantId": return optional(user?.tenantId)
        case "groups", "allGroups": return .list(principal.groups.map(ExpressionValue.string))
        case "administrator", "isAdministrator": return .bool(principal.isAdministrator)
        default: throw ExpressionError("Unknown user property '\(name)'")
        }
    }

    func index(_ key: ExpressionValue) throws(ExpressionError) -> ExpressionValue {
        guard case .string(let xpath) = key else { throw ExpressionError("A user property is named by a string") }
        let name = xpath.hasPrefix("user:") ? String(xpath.dropFirst(5)) : xpath
        return try member(name)
    }

    func call(_ method: String, _ arguments: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
        switch (method, arguments.first) {
        case ("isMemberOf", .string(let group)?): return .bool(principal.groups.contains(group))
        case ("isAdministrator", nil): return .bool(principal.isAdministrator)
        case ("getName", nil), ("getActingUser", nil), ("getOriginatingUser", nil): return .string(principal.name)
        case ("getFirstName", nil): return try member("firstName")
        case ("getLastName", nil): return try member("lastName")
        case ("getEmail", nil): return try member("email")
        case ("getCompany", nil): return try member("company")
        case ("getAllGroups", nil), ("getGroups", nil): return try member("groups")
        default: throw ExpressionError("Method '\(method)' is not available on a user")
        }
    }
}

/// The call's variables in an expression (`Context["x"]`, `Context.x`, `Context.containsKey("x")`): read one at a time,
/// never copied whole.
struct ContextObject: ExpressionObject {
    let state: ExecutionState
    var kindName: String { "the context" }

    func member(_ name: String) throws(ExpressionError) -> ExpressionValue {
        state.variable(name)?.expressionValue ?? .null
    }

    func index(_ key: ExpressionValue) throws(ExpressionError) -> ExpressionValue {
        guard case .string(let name) = key else { throw ExpressionError("A context variable is named by a string") }
        return try member(name)
    }

    func call(_ method: String, _ arguments: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
        switch (method, arguments.first) {
        case ("get", .string(let name)?): return try member(name)
        case ("containsKey", .string(let name)?): return .bool(state.variable(name) != nil)
        case ("size", nil): return .int(Int64(state.variables.count))
        case ("isEmpty", nil): return .bool(state.variables.isEmpty)
        default: throw ExpressionError("Method '\(method)' is not available on the context")
        }
    }
}

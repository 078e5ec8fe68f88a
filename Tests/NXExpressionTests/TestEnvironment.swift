import NXExpression

/// A host document: member `title`, `type`, `path`, `parent`; index `["dc:title"]`; method `getPropertyValue`.
struct FakeDocument: ExpressionObject {
    var title: String
    var type = "File"
    var path = "/default-domain/workspaces/ws/doc"
    var properties: [String: ExpressionValue] = [:]
    var parentPath: String? = "/default-domain/workspaces/ws"

    var kindName: String { "a document" }
    var text: String { path }

    func member(_ name: String) throws(ExpressionError) -> ExpressionValue {
        switch name {
        case "title": return .string(title)
        case "type": return .string(type)
        case "path": return .string(path)
        case "parent":
            guard let parentPath else { return .null }
            return .object(FakeDocument(title: "Parent", type: "Workspace", path: parentPath, parentPath: nil))
        default: throw .unknownMember(name, on: kindName)
        }
    }

    func index(_ key: ExpressionValue) throws(ExpressionError) -> ExpressionValue {
        guard case .string(let xpath) = key else { throw .unknownIndex(key, on: kindName) }
        return try property(xpath)
    }

    func call(_ method: String, _ arguments: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
        switch (method, arguments.first) {
        case ("getPropertyValue", .string(let xpath)?) where arguments.count == 1: return try property(xpath)
        case ("getTitle", nil): return .string(title)
        default: throw .unknownMethod(method, on: kindName)
        }
    }

    private func property(_ xpath: String) throws(ExpressionError) -> ExpressionValue {
        if xpath == "dc:title" { return .string(title) }
        guard let value = properties[xpath] else { throw ExpressionError("Unknown property '\(xpath)'") }
        return value
    }
}

/// A host user: `name`, `firstName`, `isAdministrator()`.
struct FakeUser: ExpressionObject {
    var name = "jdoe"
    var firstName = "John"

    func member(_ name: String) throws(ExpressionError) -> ExpressionValue {
        switch name {
        case "name": return .string(self.name)
        case "firstName": return .string(firstName)
        default: throw .unknownMember(name, on: "a user")
        }
    }

    func call(_ method: String, _ arguments: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
        guard method == "isAdministrator", arguments.isEmpty else { throw .unknownMethod(method, on: "a user") }
        return .bool(false)
    }
}

/// `Fn`: `getNextId(key)`, and a method returning a huge string (hosts bound their own results).
struct FakeFunctions: ExpressionObject {
    func call(_ method: String, _ arguments: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
        switch method {
        case "getNextId": return .string("42")
        case "big": return .string(String(repeating: "x", count: 600_000))
        default: throw .unknownMethod(method, on: "Fn")
        }
    }
}

/// The environment of an automation chain run, with `now` fixed at 2024-01-31T10:15:30.250Z.
struct TestEnvironment: ExpressionEnvironment {
    static let fixedNow = ExpressionDate(millisecondsSince1970: 1_706_696_130_250)

    var now: ExpressionDate = fixedNow
    var document = FakeDocument(
        title: "My Doc",
        properties: [
            "dc:subjects": ["art", "music"],
            "dc:created": .date(ExpressionDate(year: 2023, month: 12, day: 25, hour: 8) ?? fixedNow),
        ])
    var context: ExpressionValue = .map([
        (key: "x", value: "ex"),
        (key: "count", value: 3),
        (key: "ratio", value: 0.5),
        (key: "list", value: [1, 2, 3]),
        (key: "blank", value: ""),
        (key: "none", value: .null),
        (key: "nested", value: .map([(key: "k", value: "v")])),
        (key: "flag", value: "false"),
    ])
    var chainParameters: ExpressionValue = .map([(key: "folder", value: "/ws"), (key: "limit", value: 10)])
    var extraRoots: [String: ExpressionValue] = [:]

    func root(_ name: String) -> ExpressionValue? {
        switch name {
        case "Document", "This": return .object(document)
        case "Context", "ctx": return context
        case "ChainParameters", "params": return chainParameters
        case "CurrentUser", "currentUser": return .object(FakeUser())
        case "Fn": return .object(FakeFunctions())
        default: return extraRoots[name]
        }
    }
}

/// Parses and evaluates `source` in `environment`.
func evaluate(_ source: String, _ environment: TestEnvironment = TestEnvironment(), limits: ExpressionLimits = .default)
    throws(ExpressionError) -> ExpressionValue
{
    try NXExpression.parse(source, limits: limits).evaluate(in: environment, limits: limits)
}

/// The error parsing `source` throws, or nil when it parses.
func parseError(_ source: String, limits: ExpressionLimits = .default) -> ExpressionError? {
    do {
        _ = try NXExpression.parse(source, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// The error evaluating `source` throws (after it parsed), or nil.
func evaluationError(_ source: String, _ environment: TestEnvironment = TestEnvironment(), limits: ExpressionLimits = .default)
    -> ExpressionError?
{
    let expression: NXExpression
    do {
        expression = try NXExpression.parse(source, limits: limits)
    } catch {
        return ExpressionError("unexpected parse error: \(error)")
    }
    do {
        _ = try expression.evaluate(in: environment, limits: limits)
        return nil
    } catch {
        return error
    }
}

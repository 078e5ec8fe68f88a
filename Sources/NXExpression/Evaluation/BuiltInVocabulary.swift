/// The whitelist of members and methods built-in values answer, shared by parse-time checks and evaluation.
enum BuiltInVocabulary {
    /// A method's accepted argument counts and result type.
    struct Signature: Sendable {
        var arity: ClosedRange<Int>
        var result: StaticType
    }

    /// Methods every built-in value (not a host object) answers.
    static let common: [String: Signature] = [
        "toString": Signature(arity: 0...0, result: .string),
        "equals": Signature(arity: 1...1, result: .bool),
    ]

    static let stringMethods: [String: Signature] = common.merging([
        "length": Signature(arity: 0...0, result: .int),
        "isEmpty": Signature(arity: 0...0, result: .bool),
        "trim": Signature(arity: 0...0, result: .string),
        "toUpperCase": Signature(arity: 0...0, result: .string),
        "toLowerCase": Signature(arity: 0...0, result: .string),
        "startsWith": Signature(arity: 1...1, result: .bool),
        "endsWith": Signature(arity: 1...1, result: .bool),
        "contains": Signature(arity: 1...1, result: .bool),
        "substring": Signature(arity: 1...2, result: .string),
        "replace": Signature(arity: 2...2, result: .string),
        "split": Signature(arity: 1...1, result: .list),
        "equalsIgnoreCase": Signature(arity: 1...1, result: .bool),
        "indexOf": Signature(arity: 1...1, result: .int),
    ]) { a, _ in a }

    static let listMethods: [String: Signature] = common.merging([
        "size": Signature(arity: 0...0, result: .int),
        "isEmpty": Signature(arity: 0...0, result: .bool),
        "contains": Signature(arity: 1...1, result: .bool),
        "get": Signature(arity: 1...1, result: .unknown),
    ]) { a, _ in a }

    static let mapMethods: [String: Signature] = common.merging([
        "size": Signature(arity: 0...0, result: .int),
        "isEmpty": Signature(arity: 0...0, result: .bool),
        "containsKey": Signature(arity: 1...1, result: .bool),
        "get": Signature(arity: 1...1, result: .unknown),
    ]) { a, _ in a }

    /// Nuxeo `DateWrapper` properties (`CurrentDate.year`), also callable as getters (`getYear()`).
    static let dateMembers: [String: StaticType] = [
        "date": .date, "calendar": .date, "time": .int,
        "year": .int, "month": .int, "day": .int, "hour": .int, "minute": .int, "second": .int, "week": .int,
    ]

    static let dateMethods: [String: Signature] = {
        var methods = common
        methods["format"] = Signature(arity: 1...1, result: .string)
        methods["toQueryString"] = Signature(arity: 0...0, result: .string)
        for unit in ExpressionDate.Unit.allCases {
            methods[unit.rawValue] = Signature(arity: 1...1, result: .date)
        }
        for (member, type) in dateMembers {
            methods[getter(member)] = Signature(arity: 0...0, result: type)
        }
        return methods
    }()

    /// Methods of numbers, booleans: only the common ones.
    static let scalarMethods = common

    /// `year` → `getYear`.
    static func getter(_ member: String) -> String {
        "get" + member.prefix(1).uppercased() + member.dropFirst()
    }

    /// The methods a statically typed receiver answers, or nil when only known at run time.
    static func methods(of type: StaticType) -> [String: Signature]? {
        switch type {
        case .string: return stringMethods
        case .list: return listMethods
        case .date: return dateMethods
        case .int, .double, .bool: return scalarMethods
        case .null: return [:]
        case .unknown: return nil
        }
    }

    /// `substring takes 1 or 2 arguments`.
    static func arityMessage(_ name: String, _ arity: ClosedRange<Int>, got: Int) -> String {
        let expected: String
        if arity.lowerBound == arity.upperBound {
            expected = arity.lowerBound == 1 ? "1 argument" : "\(arity.lowerBound) arguments"
        } else {
            expected = "\(arity.lowerBound) or \(arity.upperBound) arguments"
        }
        return "Method '\(name)' takes \(expected), got \(got)"
    }
}

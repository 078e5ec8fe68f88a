/// How a spec change affects existing clients.
public enum SpecChangeImpact: String, Hashable, Sendable, Comparable {
    /// Existing clients may break (something removed, made required, retyped, moved).
    case breaking
    /// Existing clients keep working, but should know (a new enum case an exhaustive switch must handle).
    case compatibleWithNote = "compatible-with-note"
    /// Existing clients keep working (something optional added).
    case compatible

    var order: Int {
        switch self {
        case .breaking: return 0
        case .compatibleWithNote: return 1
        case .compatible: return 2
        }
    }

    public static func < (lhs: SpecChangeImpact, rhs: SpecChangeImpact) -> Bool { lhs.order < rhs.order }
}

/// Which spec a change's location is in.
public enum SpecSide: String, Hashable, Sendable {
    /// The spec being compared against (the git ref): where a removed thing was.
    case old
    /// The current spec: where a changed or added thing is.
    case new
}

/// The kinds of change, each with a stable code.
public enum SpecChangeKind: String, Hashable, Sendable {
    case endpointRemoved = "endpoint-removed"
    case endpointAdded = "endpoint-added"
    case endpointRenamed = "endpoint-renamed"
    case methodChanged = "method-changed"
    case pathChanged = "path-changed"
    case parameterRemoved = "parameter-removed"
    case parameterAdded = "parameter-added"
    case parameterMadeRequired = "parameter-made-required"
    case parameterMadeOptional = "parameter-made-optional"
    case parameterMoved = "parameter-moved"
    case headerRemoved = "header-removed"
    case headerAdded = "header-added"
    case bodyChanged = "body-changed"
    case bodyFieldMadeRequired = "body-field-made-required"
    case statusRemoved = "status-removed"
    case statusAdded = "status-added"
    case responseChanged = "response-changed"
    case entityRemoved = "entity-removed"
    case entityAdded = "entity-added"
    case fieldRemoved = "field-removed"
    case fieldAdded = "field-added"
    case fieldMadeRequired = "field-made-required"
    case fieldMadeOptional = "field-made-optional"
    case typeChanged = "type-changed"
    case enumRemoved = "enum-removed"
    case enumAdded = "enum-added"
    case enumCaseRemoved = "enum-case-removed"
    case enumCaseAdded = "enum-case-added"
    case definitionRemoved = "definition-removed"
    case definitionAdded = "definition-added"
    case operationSignatureRemoved = "operation-signature-removed"
    case operationSignatureAdded = "operation-signature-added"
}

/// One difference between two specs, classified for clients.
public struct SpecChange: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Breaking or compatible.
    public var impact: SpecChangeImpact
    /// What changed.
    public var kind: SpecChangeKind
    /// A sentence naming the definition and the change.
    public var message: String
    /// Where: in the new spec for changes and additions, in the old spec for removals.
    public var location: SourceLocation
    /// Which spec `location` is in.
    public var side: SpecSide

    /// Creates a change.
    public init(_ impact: SpecChangeImpact, _ kind: SpecChangeKind, _ message: String, at location: SourceLocation, side: SpecSide) {
        self.impact = impact
        self.kind = kind
        self.message = message
        self.location = location
        self.side = side
    }

    /// `Spec/x.yaml:3:5: breaking[field-removed]: message (old spec)`.
    public var description: String { description(oldSpecName: "old spec") }

    /// The description with each side named, e.g. `spec at v1.2` and `working tree`.
    public func description(oldSpecName: String, newSpecName: String = "new spec") -> String {
        let side = self.side == .old ? oldSpecName : newSpecName
        return "\(location): \(impact.rawValue)[\(kind.rawValue)]: \(message) (\(side))"
    }

    /// Breaking first, then by side, place and message.
    public static func < (lhs: SpecChange, rhs: SpecChange) -> Bool {
        (lhs.impact.order, lhs.side.rawValue, lhs.location, lhs.message) < (rhs.impact.order, rhs.side.rawValue, rhs.location, rhs.message)
    }
}

/// Compares two compiled specs and classifies every client-visible change. Pure: no files, no git.
public enum SpecDiff {
    /// Every change from `old` to `new`, sorted (breaking first), deduplicated.
    public static func compare(old: SpecModel, new: SpecModel) -> [SpecChange] {
        var changes: [SpecChange] = []
        let bodies = Set(new.endpoints.compactMap(\.body))
        compareEndpoints(old.endpoints, new.endpoints, into: &changes)
        compareEntities(old.entities, new.entities, requestBodies: bodies, into: &changes)
        compareEnums(old.enums, new.enums, into: &changes)
        compareOperations(old.operations, new.operations, into: &changes)
        compareDefinitions(old, new, into: &changes)
        return Array(Set(changes)).sorted()
    }

    /// True when any change is breaking.
    public static func hasBreaking(_ changes: [SpecChange]) -> Bool { changes.contains { $0.impact == .breaking } }

    /// Pairs elements of two lists by key: (removed, kept pairs, added), each in the input order.
    static func match<T, K: Hashable>(_ old: [T], _ new: [T], by key: (T) -> K) -> (removed: [T], kept: [(T, T)], added: [T]) {
        var newByKey: [K: T] = [:]
        for item in new where newByKey[key(item)] == nil { newByKey[key(item)] = item }
        let oldKeys = Set(old.map(key))
        var kept: [(T, T)] = []
        var removed: [T] = []
        for item in old {
            if let other = newByKey[key(item)] { kept.append((item, other)) } else { removed.append(item) }
        }
        return (removed, kept, new.filter { !oldKeys.contains(key($0)) })
    }
}

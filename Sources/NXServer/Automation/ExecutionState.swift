import NXCore
import NXRuntime
import Synchronization

/// What the operations of one automation call share (Nuxeo's `OperationContext` map and stacks): named variables,
/// the push/pop stacks of documents and files, and the identity `Auth.LoginAs` switched to. Operations of a call run
/// one after another; the lock only makes the shared reference `Sendable`.
final class ExecutionState: Sendable {
    /// The stacks of `Context.Push…`, one per kind as Nuxeo keeps them.
    enum Stack: Sendable, Hashable { case document, documents, blob, blobs }

    private struct Storage {
        var variables: [(name: String, value: OperationValue)] = []
        var stacks: [Stack: [OperationValue]] = [:]
        var logins: [Principal] = []
        var operations = 0
    }

    private let storage = Mutex(Storage())
    /// The state an isolated copy was made from: the operation budget is the whole call's.
    private let parent: ExecutionState?

    /// Most values one stack holds: pushing more is a 400, not unbounded memory.
    static let maximumStackDepth = 1000
    /// Most variables one call may set.
    static let maximumVariables = 10_000
    /// Most operations one call may run, nested and repeated ones included (`RunOperationOnList` in
    /// `RunOperationOnList`…): beyond, a 400 instead of hours of work.
    static let maximumOperations = 10_000

    /// The state of a call whose request gave `variables` (its `context`); more than `maximumVariables` → 400.
    init(variables: JSONObject = JSONObject()) throws {
        guard variables.count <= Self.maximumVariables else {
            throw NXError.invalid("Too many context variables: at most \(Self.maximumVariables)")
        }
        parent = nil
        storage.withLock { storage in
            for (name, value) in variables { storage.variables.append((name, .json(value))) }
        }
    }

    fileprivate init(parent: ExecutionState) {
        self.parent = parent
    }

    /// Counts one more operation run by the call; past `maximumOperations` → 400.
    func countOperation() throws {
        if let parent { return try parent.countOperation() }
        try storage.withLock { storage in
            storage.operations += 1
            guard storage.operations <= Self.maximumOperations else {
                throw NXError.invalid("Too many operations in one call: at most \(Self.maximumOperations)")
            }
        }
    }

    /// The variable `name`, if set.
    func variable(_ name: String) -> OperationValue? {
        storage.withLock { $0.variables.first(where: { $0.name == name })?.value }
    }

    /// Sets (or replaces) the variable `name`.
    func setVariable(_ name: String, _ value: OperationValue) throws {
        try storage.withLock { storage in
            if let index = storage.variables.firstIndex(where: { $0.name == name }) {
                storage.variables[index].value = value
            } else {
                guard storage.variables.count < Self.maximumVariables else { throw NXError.invalid("Too many context variables") }
                storage.variables.append((name, value))
            }
        }
    }

    /// Every variable, in the order they were first set.
    var variables: [(name: String, value: OperationValue)] { storage.withLock { $0.variables } }

    func push(_ value: OperationValue, on stack: Stack) throws {
        try storage.withLock { storage in
            guard storage.stacks[stack, default: []].count < Self.maximumStackDepth else { throw NXError.invalid("Context stack is full") }
            storage.stacks[stack, default: []].append(value)
        }
    }

    /// Removes the value pushed last (`pop`) or first (`pull`); nil when the stack is empty.
    func take(from stack: Stack, last: Bool) -> OperationValue? {
        storage.withLock { storage in
            guard var values = storage.stacks[stack], !values.isEmpty else { return nil }
            let value = last ? values.removeLast() : values.removeFirst()
            storage.stacks[stack] = values
            return value
        }
    }

    /// The identity operations run as: the last `Auth.LoginAs`, or nil for the caller.
    var principal: Principal? { storage.withLock { $0.logins.last } }

    func login(_ principal: Principal) throws {
        try storage.withLock { storage in
            guard storage.logins.count < Self.maximumStackDepth else { throw NXError.invalid("Too many nested logins") }
            storage.logins.append(principal)
        }
    }

    /// Undoes the last `login`; false when there was none.
    @discardableResult
    func logout() -> Bool {
        storage.withLock { $0.logins.popLast() != nil }
    }
}

extension OperationValue {
    /// The value as JSON where a document is its uid and a file its name (variables read as text).
    var jsonSummary: JSONValue {
        switch self {
        case .void: return .null
        case .reference(let text): return .string(text)
        case .document(let document): return .string(document.id)
        case .documents(let documents): return .array(documents.map { .string($0.id) })
        case .page(let page): return .array(page.entries.map { .string($0.id) })
        case .blob(let blob): return blob.name.map(JSONValue.string) ?? .null
        case .blobs(let blobs): return .array(blobs.map { $0.name.map(JSONValue.string) ?? .null })
        case .json(let value): return value
        }
    }
}

extension ExecutionState {
    /// A copy of the variables and identity for an isolated sub-operation; the operation count stays shared through
    /// `parent`, so isolation never resets the call's budget.
    func isolatedCopy() -> ExecutionState {
        let copy = ExecutionState(parent: self)
        for (name, value) in variables { try? copy.setVariable(name, value) }
        if let principal { try? copy.login(principal) }
        return copy
    }
}

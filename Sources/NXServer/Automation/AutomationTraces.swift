import NXCore
import NXRuntime
import Synchronization

/// Nuxeo's automation tracing (`TracerFactory`): with recording on, the calls of the last run of each operation or chain
/// (every operation it ran, its input, parameters and output) are kept by id; the trace of the last failed run is kept
/// whether recording is on or not. Read by `Traces.Get`, switched by `Traces.ToggleRecording`. In memory, bounded;
/// a trace is printed when it is read, and parameters whose name mentions a password are never printed.
final class AutomationTraces: Sendable {
    /// At most this many traces (the oldest goes first).
    static let maxTraces = 100
    /// At most this many calls in one trace; later ones are counted, not kept.
    static let maxCalls = 1_000

    /// A finished run: its calls and, when it failed, the error's message.
    struct Run {
        var key: String
        var trace: CallTrace
        var error: String?

        var printed: String { trace.printed(key: key, error: error) }
    }

    struct State {
        var recording = false
        var traces: [Run] = []
        var lastError: Run?
    }

    let state = Mutex(State())

    /// Whether successful runs are recorded.
    var isRecording: Bool { state.withLock { $0.recording } }

    /// Sets recording (`enable`), or toggles it when nil; returns the new state.
    func setRecording(_ enable: Bool?) -> Bool {
        state.withLock { state in
            state.recording = enable ?? !state.recording
            if !state.recording { state.traces.removeAll() }
            return state.recording
        }
    }

    /// The printed trace of the last run of `key`.
    func trace(_ key: String) -> String? { state.withLock { state in state.traces.last { $0.key == key } }?.printed }

    /// The printed trace of the last failed run.
    var lastErrorTrace: String? { state.withLock { $0.lastError }?.printed }

    /// Files the trace of a finished run: kept by key when recording, and as the last error trace when it failed.
    func finish(_ trace: CallTrace, key: String, error: (any Error)?) {
        let run = Run(key: key, trace: trace, error: error.map { ($0 as? NXError)?.message ?? "\($0)" })
        state.withLock { state in
            if error != nil { state.lastError = run }
            guard state.recording else { return }
            state.traces.removeAll { $0.key == key }
            state.traces.append(run)
            if state.traces.count > Self.maxTraces { state.traces.removeFirst(state.traces.count - Self.maxTraces) }
        }
    }
}

/// The calls of one automation run, as they happen.
final class CallTrace: Sendable {
    struct Call {
        var depth: Int
        var operation: String
        var input: String
        var parameters: JSONObject
        var output: String?
        var error: String?
    }

    let calls = Mutex<(kept: [Call], dropped: Int)>(([], 0))

    /// Records that `operation` starts, its parameters as given (redacted when the trace is printed); returns its index
    /// (nil when the trace is full).
    func start(depth: Int, operation: String, input: OperationValue, parameters: JSONObject) -> Int? {
        let call = Call(depth: depth, operation: operation, input: input.kinds.first ?? "void", parameters: parameters)
        return calls.withLock { calls in
            guard calls.kept.count < AutomationTraces.maxCalls else {
                calls.dropped += 1
                return nil
            }
            calls.kept.append(call)
            return calls.kept.count - 1
        }
    }

    /// `value` with every member whose name mentions a password, at any depth, replaced by `***`.
    static func redacted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var copy = JSONObject()
            for (name, member) in object { copy[name] = name.lowercased().contains("password") ? "***" : redacted(member) }
            return .object(copy)
        case .array(let items): return .array(items.map(redacted))
        default: return value
        }
    }

    /// Records how call `index` ended.
    func end(_ index: Int?, output: OperationValue?, error: (any Error)?) {
        guard let index else { return }
        calls.withLock { calls in
            guard calls.kept.indices.contains(index) else { return }
            calls.kept[index].output = output.map { $0.kinds.first ?? "void" }
            calls.kept[index].error = error.map { ($0 as? NXError)?.message ?? "\($0)" }
        }
    }

    /// The trace as text: the run, its error if any, then each call indented by nesting, its parameters with every
    /// member whose name mentions a password written `***`.
    func printed(key: String, error: String?) -> String {
        let (kept, dropped) = calls.withLock { ($0.kept, $0.dropped) }
        var lines = ["****** \(key) ******", "Name: \(key)"]
        if let error { lines.append("Caught error: \(error)") }
        lines.append("****** Hierarchy calls ******")
        for call in kept {
            let indent = String(repeating: "  ", count: max(call.depth - 1, 0))
            lines.append("\(indent)Operation: \(call.operation)")
            lines.append("\(indent)  Input: \(call.input)")
            let parameters = String(decoding: Self.redacted(.object(call.parameters)).jsonBytes(), as: UTF8.self)
            lines.append("\(indent)  Parameters: \(parameters.prefix(2_000))")
            if let output = call.output { lines.append("\(indent)  Output: \(output)") }
            if let failure = call.error { lines.append("\(indent)  Error: \(failure)") }
        }
        if dropped > 0 { lines.append("(\(dropped) more calls not kept)") }
        return lines.joined(separator: "\n")
    }
}

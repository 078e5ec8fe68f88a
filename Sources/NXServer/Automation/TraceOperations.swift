import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// `Traces.Get`, `Traces.ToggleRecording` and `JsonStack.ToggleDisplay` (Nuxeo's operations/traces).
extension DocumentOperations {
    /// The printed trace of the last run of `traceKey` (an operation or chain id), else of the last failed run; nothing for
    /// non-administrators. `index` is accepted and unused, as in Nuxeo.
    func tracesGet(_ input: Value, _ params: TracesGetParams, context: Context) async throws -> Value {
        guard context.principal.isAdministrator, let traces = context.traces else { return .void }
        if let key = params.traceKey, !key.isEmpty {
            let canonical = NXOperations.descriptor(key)?.id ?? NXChains.descriptor(key)?.id ?? key
            return .json(.string(traces.trace(canonical) ?? "no trace found"))
        }
        return .json(.string(traces.lastErrorTrace ?? "no previous error trace found"))
    }

    /// An administrator sets recording to `enableTrace`, or toggles it (unless `readOnly`); everyone gets the state.
    func tracesToggleRecording(_ input: Value, _ params: TracesToggleRecordingParams, context: Context) async throws -> Value {
        guard let traces = context.traces else { return .json(false) }
        if context.principal.isAdministrator && !params.readOnly { return .json(.bool(traces.setRecording(params.enableTrace))) }
        return .json(.bool(traces.isRecording))
    }

    /// An administrator sets the stack display of exception entities to `enableTrace`, or toggles it; everyone gets the state.
    func jsonStackToggleDisplay(_ input: Value, _ params: JsonStackToggleDisplayParams, context: Context) async throws -> Value {
        guard let display = context.stackDisplay else { return .json(false) }
        if context.principal.isAdministrator { return .json(.bool(display.set(params.enableTrace))) }
        return .json(.bool(display.isOn))
    }
}

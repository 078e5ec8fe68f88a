import NXConformanceKit
import NXRuntime
import NXSpec

/// Turns spec scenarios into runnable ones (the same data `Generated/NXConformance` compiles to code),
/// so `nxgen conform` works even while `Generated/` is being rebuilt.
enum ScenarioConversion {
    static func scenario(_ s: ScenarioDef) -> ConformanceScenario {
        ConformanceScenario(id: s.id, description: s.description, origin: s.origin.description, steps: s.steps.map(step))
    }

    static func step(_ s: StepDef) -> ConformanceStep {
        let auth: ConformanceAuth
        switch s.auth {
        case .default: auth = .default
        case .none: auth = .none
        case .basic(let user, let password): auth = .basic(user: user, password: password)
        }
        return ConformanceStep(
            method: s.method, path: s.path, headers: s.headers, query: s.query, body: s.body.map(json), auth: auth, status: s.status,
            expectBody: s.expectBody.map(json), forbidFields: s.forbidFields, requireHeaders: s.requireHeaders, captures: s.captures,
            location: s.location.description)
    }

    static func json(_ value: SpecJSON) -> JSONValue {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int64(i))
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(json))
        case .object(let pairs): return .object(JSONObject(pairs.map { ($0.key, json($0.value)) }))
        }
    }
}

import Hummingbird
import NXRuntime

/// The outcomes most endpoints have, written once: a generated `<Endpoint>Output` whose only success is one of these
/// is a typealias of it (errors are thrown, so a single success is the whole type).

/// 200 with an entity.
public enum EntityOutput<Entity: NXEntity>: Sendable {
    case ok(Entity)

    /// The HTTP response.
    public func response() -> Response {
        switch self {
        case .ok(let entity): return EntityResponse.make(status: 200, entity)
        }
    }
}

/// 201 with the created entity.
public enum CreatedOutput<Entity: NXEntity>: Sendable {
    case created(Entity)

    /// The HTTP response.
    public func response() -> Response {
        switch self {
        case .created(let entity): return EntityResponse.make(status: 201, entity)
        }
    }
}

/// 204, no body.
public enum NoContentOutput: Sendable {
    case noContent

    /// The HTTP response.
    public func response() -> Response { EntityResponse.empty(status: 204) }
}

/// 200 with any JSON value (`application/json`).
public enum JSONOutput: Sendable {
    case ok(JSONValue)

    /// The HTTP response.
    public func response() -> Response {
        switch self {
        case .ok(let value): return EntityResponse.json(status: 200, value)
        }
    }
}

/// 200 (unless the body names another status) with a body the handler chooses.
public enum BodyOutput: Sendable {
    case ok(NXBody)

    /// The HTTP response.
    public func response() -> Response {
        switch self {
        case .ok(let body): return body.response(defaultStatus: 200)
        }
    }
}

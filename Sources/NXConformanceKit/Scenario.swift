import NXRuntime

/// Credentials a step is sent with.
public enum ConformanceAuth: Sendable, Hashable {
    /// The runner's credentials.
    case `default`
    /// No Authorization header.
    case none
    /// Explicit Basic credentials.
    case basic(user: String, password: String)
}

/// One HTTP step of a scenario and what its response must show.
public struct ConformanceStep: Sendable {
    public var method: String
    /// Path under the base path; may hold `{{capture}}` placeholders; spaces and `%XX` are both allowed.
    public var path: String
    public var headers: [(String, String)]
    public var query: [(String, String)]
    public var body: JSONValue?
    public var auth: ConformanceAuth
    /// Expected status.
    public var status: Int
    /// Expected body subset (objects: listed keys; arrays: same length, element-wise).
    public var expectBody: JSONValue?
    /// JSON paths that must be absent.
    public var forbidFields: [String]
    /// Headers that must be present, with a required value prefix ("" = any value).
    public var requireHeaders: [(String, String)]
    /// Values to capture: name → JSON path.
    public var captures: [(String, String)]
    /// Where the step is written in the spec.
    public var location: String
    /// A raw text body (UTF-8, captures substituted), sent instead of JSON.
    public var bodyText: String?
    /// A generated binary body: `pattern` repeated to `size` bytes.
    public var bodyFile: (size: Int, pattern: String)?
    /// The exact response body text.
    public var expectText: String?
    /// The response body length in bytes.
    public var expectLength: Int?
    /// The lowercase hex MD5 of the response body.
    public var expectMD5: String?
    /// Attempts, 100 ms apart, until the expectations hold; nil = one.
    public var poll: Int?
    /// A file's bytes sent as the body (a fixture the scenario carries).
    public var bodyBytes: [UInt8]?
    /// The number of pages of the PDF answered.
    public var expectPDFPages: Int?
    /// The width and height in pixels of the image answered.
    public var expectImageSize: (width: Int, height: Int)?

    public init(method: String, path: String, headers: [(String, String)] = [], query: [(String, String)] = [], body: JSONValue? = nil,
                auth: ConformanceAuth = .default, status: Int, expectBody: JSONValue? = nil, forbidFields: [String] = [],
                requireHeaders: [(String, String)] = [], captures: [(String, String)] = [], location: String) {
        self.method = method
        self.path = path
        self.headers = headers
        self.query = query
        self.body = body
        self.auth = auth
        self.status = status
        self.expectBody = expectBody
        self.forbidFields = forbidFields
        self.requireHeaders = requireHeaders
        self.captures = captures
        self.location = location
    }
}

/// An ordered list of steps; captures of earlier steps feed later ones.
public struct ConformanceScenario: Sendable {
    public var id: String
    public var description: String
    /// `Spec/conformance/x.yaml#id`.
    public var origin: String
    public var steps: [ConformanceStep]
    /// What the scenario needs of the server's configuration, and the step that checks it (see `ConformanceRunner`).
    public var requires: (why: String, step: ConformanceStep)?

    public init(id: String, description: String, origin: String, steps: [ConformanceStep]) {
        self.id = id
        self.description = description
        self.origin = origin
        self.steps = steps
    }
}

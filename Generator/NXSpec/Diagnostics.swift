/// Where something was written in the spec: a file path as displayed (e.g. `Spec/api.yaml`), 1-based line and column.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file path as shown in diagnostics.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// The kinds of error and warning nxgen reports, each with a stable code.
public enum DiagnosticCode: String, Sendable, CaseIterable {
    /// The file is not valid YAML.
    case yamlSyntax = "NX001"
    /// A mapping key the spec grammar does not know.
    case unknownKey = "NX002"
    /// A required key is absent.
    case missingKey = "NX003"
    /// A node of the wrong kind (mapping, sequence or scalar).
    case wrongNodeKind = "NX004"
    /// Two definitions share an id or name.
    case duplicate = "NX005"
    /// A reference to an entity that does not exist.
    case unknownEntity = "NX006"
    /// A reference to a schema that does not exist.
    case unknownSchema = "NX007"
    /// A reference to a document type that does not exist.
    case unknownDocType = "NX008"
    /// A reference to a facet that does not exist.
    case unknownFacet = "NX009"
    /// A type expression that names no known type.
    case unknownType = "NX010"
    /// An HTTP method that is not GET, POST, PUT, DELETE, PATCH or HEAD.
    case invalidMethod = "NX011"
    /// A reference to a header not declared in `api.yaml`.
    case unknownHeader = "NX012"
    /// A response status that is not a 3-digit HTTP status.
    case invalidStatus = "NX013"
    /// A path parameter and the path template disagree.
    case pathParameter = "NX014"
    /// Two endpoints answer the same method and path.
    case duplicateRoute = "NX015"
    /// A value of the wrong shape (boolean expected, invalid name, …).
    case invalidValue = "NX016"
    /// A reference to a lifecycle that does not exist.
    case unknownLifecycle = "NX017"
    /// Document types that extend each other in a cycle.
    case inheritanceCycle = "NX018"
    /// A conformance step uses a capture no earlier step defines.
    case unknownCapture = "NX019"
    /// A file whose top-level keys name no spec concern.
    case unknownFileKind = "NX020"
    /// An entity example that does not match its entity.
    case invalidExample = "NX021"
    /// Keys that exclude each other: both given, or none of a required choice (`pattern` / `whereClause`).
    case conflictingKeys = "NX022"
    /// Two operations share an id or alias (ids and aliases are one namespace).
    case duplicateOperation = "NX023"
    /// An operation parameter type that is not one of Nuxeo's.
    case unknownParamType = "NX024"
    /// An operation signature type that is not void, document, documents, blob, blobs or object.
    case unknownSignatureType = "NX025"
    /// A parameter default that does not parse as the parameter's type.
    case invalidDefault = "NX026"
    /// A parameter default that is not one of its allowed values.
    case defaultNotInValues = "NX027"
    /// A reference to a directory that does not exist (field resolver, parent directory).
    case unknownDirectory = "NX028"
    /// A field name that is not in the schema it refers to (directory id field, seed entry key).
    case unknownSchemaField = "NX029"
    /// A directory seed entry that does not fit its directory (missing id, mistyped value, unknown parent entry).
    case invalidDirectoryEntry = "NX030"
    /// A message key used by another bundle or by a directory label is not in the default bundle.
    case unknownMessageKey = "NX031"
    /// A chain step names an operation (or an operation parameter) that does not exist.
    case unknownOperation = "NX032"
    /// A chain parameter value is an `expr:` expression or template the evaluator does not accept.
    case invalidExpression = "NX033"
    /// No input type flows through every operation of a chain.
    case noChainPath = "NX034"
    /// A workflow transition targets a node its model does not have.
    case unknownWorkflowNode = "NX035"
    /// A workflow node no path from the start node reaches.
    case unreachableNode = "NX036"
    /// A workflow expression names a variable the model (or the node) does not declare.
    case unknownVariable = "NX037"
    /// A workflow model's graph is malformed: no or several start nodes, no stop node, a node without a way out.
    case invalidWorkflow = "NX038"
    /// A converter chain names a converter that does not exist, or converters chain into each other in a cycle.
    case unknownConverter = "NX039"
    /// A converter's tool argument names a placeholder that is neither `{source}`, `{target}`, `{workDir}` nor one of
    /// its parameters.
    case unknownPlaceholder = "NX040"
    /// A conformance fixture file that cannot be read, or is larger than a scenario may carry (64 KiB).
    case unreadableFixture = "NX041"
    /// An endpoint includes a parameter set no file defines.
    case unknownParamSet = "NX050"
    /// An SDK resource method names an endpoint or a parameter that does not exist, or an endpoint is no method of any
    /// SDK resource.
    case unknownEndpoint = "NX051"

    // Warnings, numbered from NX900 so that error codes can grow without colliding.

    /// Warning: an entity that no endpoint, entity, operation or enricher refers to.
    case unusedEntity = "NX901"
    /// Warning: an endpoint that no conformance scenario step exercises (method and path template).
    case endpointWithoutScenario = "NX902"
    /// Warning: an automation operation that no conformance scenario step calls (by id or alias, over `/automation`,
    /// `@op`, a batch `execute`, or as the `id` parameter of RunOperation and its kin).
    case operationWithoutScenario = "NX903"
}

/// One problem found in the spec: an error (fails the run), a warning (printed, fails only with
/// `--warnings-as-errors`), with notes pointing at related places.
public struct Diagnostic: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Where it was found.
    public var location: SourceLocation
    /// Its kind.
    public var code: DiagnosticCode
    /// A sentence saying what is wrong.
    public var message: String
    /// Error or warning.
    public var severity: DiagnosticSeverity
    /// Related places (`first written here`, suppressed knock-on errors), printed after the diagnostic.
    public var notes: [DiagnosticNote]
    /// The name an unknown-reference diagnostic is about (`exception` in "unknown entity 'exception'"), if any.
    public var subject: String?

    /// Creates a diagnostic.
    public init(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, severity: DiagnosticSeverity = .error,
        notes: [DiagnosticNote] = [], subject: String? = nil
    ) {
        self.location = location
        self.code = code
        self.message = message
        self.severity = severity
        self.notes = notes
        self.subject = subject
    }

    /// `Spec/x.yaml:12:5: error[NX006]: message`, then one `file:line:col: note: …` line per note.
    public var description: String {
        (["\(location): \(severity.rawValue)[\(code.rawValue)]: \(message)"] + notes.map(\.description)).joined(separator: "\n")
    }

    /// Errors before warnings; root causes (files that do not parse) before everything else; then by place.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.rank, lhs.location, lhs.code.rawValue, lhs.message) < (rhs.rank, rhs.location, rhs.code.rawValue, rhs.message)
    }

    /// 0 for a file that does not parse, 1 for other errors, 2 for warnings.
    var rank: Int {
        if severity == .warning { return 2 }
        return code == .yamlSyntax ? 0 : 1
    }
}

/// Collects every diagnostic of a run; nothing stops at the first error.
public struct Diagnostics: Sendable {
    /// All diagnostics so far, in the order found.
    public internal(set) var all: [Diagnostic] = []

    /// Creates an empty collector.
    public init() {}

    /// Records an error; `subject` names what an unknown-reference error is about.
    public mutating func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, notes: [DiagnosticNote] = [], subject: String? = nil
    ) {
        all.append(Diagnostic(code, message, at: location, notes: notes, subject: subject))
    }

    /// Records a warning.
    public mutating func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        all.append(Diagnostic(code, message, at: location, severity: .warning))
    }

    /// Records an unknown-name error with a "did you mean" suggestion drawn from `candidates`.
    public mutating func unknown(
        _ code: DiagnosticCode, kind: String, name: String, candidates: some Sequence<String>, at location: SourceLocation
    ) {
        var message = "unknown \(kind) '\(name)'"
        if let suggestion = Suggestion.closest(to: name, in: candidates) {
            message += " (did you mean '\(suggestion)'?)"
        }
        error(code, message, at: location, subject: name)
    }

    /// True when nothing was reported.
    public var isEmpty: Bool { all.isEmpty }

    /// True when no error was reported (warnings aside).
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The diagnostics sorted (root causes first, then by file, line, column), deduplicated.
    public var sorted: [Diagnostic] { Array(Set(all)).sorted() }
}

/// "Did you mean" suggestions by edit distance.
public enum Suggestion {
    /// The candidate closest to `name`, if close enough to be a likely typo.
    public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(1, min(3, name.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(name.lowercased(), candidate.lowercased())
            guard distance <= limit else { continue }
            if let current = best, (current.distance, current.name) <= (distance, candidate) { continue }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// Levenshtein distance between two strings.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

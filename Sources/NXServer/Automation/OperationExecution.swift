import NXAPI
import NXAPIRuntime
import NXCore
import NXExpression
import NXRuntime

extension OperationContext {
    /// Runs operation or chain `id` (an alias, or a chain as `Chain.{id}`) on `input`. For an operation, `params` are its
    /// parameters; for a chain, they are the chain parameters. Unknown id → 404 `Failed to invoke operation: {id}`.
    func execute(_ id: String, input: OperationValue, params: JSONObject) async throws -> OperationValue {
        guard depth < Self.maximumDepth else {
            throw NXError.invalid("Operation calls are nested deeper than \(Self.maximumDepth) levels (at \(id))")
        }
        try Task.checkCancellation()
        try state.countOperation()
        if let descriptor = NXOperations.descriptor(id) { return try await runOperation(descriptor, name: id, input: input, params: params) }
        if let chain = NXChains.descriptor(id) { return try await runChain(chain, input: input, params: params) }
        throw NXError.notFound("Failed to invoke operation: \(id)")
    }

    /// A chain: each step's output is the next step's input; `params` become the chain parameters.
    func runChain(_ chain: ChainDescriptor, input: OperationValue, params: JSONObject) async throws -> OperationValue {
        var context = self
        context.depth += 1
        context.chainParameters = params
        context.operationId = chain.id
        var value = input
        for step in chain.steps {
            var stepParams = JSONObject()
            for (name, text) in step.params { stepParams[name] = .string(text) }
            value = try await context.execute(step.operation, input: value, params: stepParams)
        }
        return value
    }

    /// One operation: `expr:` parameters evaluated, missing ones taken from the chain parameters, the input matched against
    /// the signature (exact type, a list for a per-document operation, else a `void` input that leaves it untouched).
    /// An operation whose signature is `void → void` passes its input on, as Nuxeo's chains do.
    func runOperation(_ descriptor: OperationDescriptor, name: String, input: OperationValue, params: JSONObject) async throws -> OperationValue {
        // The administrators-only operations of Nuxeo's REST bindings stay so when another operation or a chain runs them
        // (RunOperation, RunFileOperation, a chain step…): a non-administrator would otherwise reach them indirectly.
        if !call.user.isAdministrator, depth > 0,
           ([descriptor.id] + descriptor.aliases).contains(where: OperationBinding.administratorsOnly.contains) {
            throw NXError.forbidden("Not allowed. You must be administrator to use this operation: \(descriptor.id)")
        }
        var context = self
        context.operationId = descriptor.id
        context.depth += 1
        let kinds = input.kinds
        let signature = descriptor.signature
        guard let chosen = signature.first(where: { kinds.contains($0.input) })
            ?? (kinds.contains("documents") ? signature.first(where: { $0.input == "document" }) : nil)
            ?? signature.first(where: { $0.input == "void" })
        else { throw context.invalidInput(input) }
        var input = input
        if case .reference(let text) = input, !Self.taskInputOperations.contains(descriptor.id) {
            // A uid or path given as text is read once, as the document(s) the chosen signature takes.
            if chosen.input == "document" && !text.contains(",") {
                input = .document(try await repository.document(OperationValue.ref(text), principal: principal))
            } else if chosen.input == "documents" || chosen.input == "document" {
                input = .documents(try await documents(input))
            }
        }
        var resolved = JSONObject()
        var evaluated: [String: OperationValue] = [:]
        for (key, value) in params {
            if case .string(let text) = value, text.hasPrefix("expr:") {
                let result = try await evaluate(String(text.dropFirst(5)), input: input)
                evaluated[key] = result
                resolved[key] = result.parameterJSON
            } else {
                resolved[key] = value
            }
        }
        for param in descriptor.params where !([param.name] + param.aliases).contains(where: { resolved[$0] != nil }) {
            if let value = chainParameters[param.name] { resolved[param.name] = value }
        }
        context.evaluated = evaluated
        let call = trace?.start(depth: context.depth, operation: descriptor.id, input: input, parameters: resolved)
        let result: OperationValue
        do {
            guard let value = try await NXOperations.invoke(descriptor.id, on: DocumentOperations(), input: input, params: resolved, context: context)
            else { throw NXError.notFound("Failed to invoke operation: \(name)") }
            result = value
        } catch let error as NXError where !error.message.hasPrefix("Failed to invoke operation") {
            trace?.end(call, output: nil, error: error)
            let aliases = descriptor.aliases.isEmpty ? "" : " with aliases [\(descriptor.aliases.joined(separator: ", "))]"
            throw NXError(error.code, "Failed to invoke operation \(descriptor.id)\(aliases), \(error.message)")
        } catch {
            trace?.end(call, output: nil, error: error)
            throw error
        }
        trace?.end(call, output: result, error: nil)
        // Nuxeo's `InvokableMethod.doInvoke`: a method taking no input and returning nothing passes the input on.
        if chosen.input == "void", chosen.output == "void", case .void = result { return input }
        return result
    }

    /// Operations whose document input is a task: nx keeps tasks beside the documents, so a task id given as input is
    /// passed on as it is.
    static let taskInputOperations: Set<String> = ["WorkflowTask.Complete"]

    /// Evaluates an `expr:` value (an expression, or a template with `@{…}` holes) against the context variables, the chain
    /// parameters, the input (`Document`, `This`), `CurrentUser` and `CurrentDate`. A bad expression → 400 naming it.
    func evaluate(_ text: String, input: OperationValue) async throws -> OperationValue {
        let expression: NXExpression
        do {
            expression = try NXExpression.parse(text)
        } catch {
            throw NXError.invalid("Cannot evaluate expression 'expr:\(text)': \(error.description)")
        }
        var user: UserRecord?
        if expression.roots.contains("CurrentUser") || expression.roots.contains("currentUser") {
            user = try await users.user(principal.name)
        }
        var environment = OperationEnvironment(context: self, input: input, user: user)
        if expression.roots.contains("Fn") {
            // Recording passes: which users `Fn` is asked about (a branch may depend on an earlier answer, so until no
            // new name comes up); then the real evaluation answers from them.
            var found: [String: UserRecord?] = [:]
            for _ in 0..<FunctionsObject.maxPasses {
                let recorder = FunctionsObject(users: found, recording: true)
                environment.functions = recorder
                _ = try? expression.evaluate(in: environment)
                let missing = recorder.requested.subtracting(found.keys)
                if missing.isEmpty || found.count >= FunctionsObject.maxLookups { break }
                for name in missing.prefix(FunctionsObject.maxLookups - found.count) { found[name] = try await users.user(name) }
            }
            environment.functions = FunctionsObject(users: found, recording: false)
        }
        do {
            return OperationValue(try expression.evaluate(in: environment))
        } catch {
            throw NXError.invalid("Cannot evaluate expression 'expr:\(text)': \(error.description)")
        }
    }
}

extension OperationValue {
    /// The value as an operation parameter reads it: documents as their uid, files as blob JSON, other values as JSON.
    var parameterJSON: JSONValue {
        switch self {
        case .blob(let blob): return .object(JSONObject([("name", blob.name.map(JSONValue.string) ?? .null), ("digest", .string(blob.digest))]))
        default: return jsonSummary
        }
    }
}

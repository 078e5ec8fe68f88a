extension SpecValidator {
    /// Chains: every step names a known operation and known parameters, gives the required ones (or the chain declares them
    /// as chain parameters), every `expr:` value parses, and at least one input type flows through every step.
    /// Returns the chains sorted by id, with their signatures.
    static func checkChains(_ raw: RawSpec, _ d: inout Diagnostics) -> [ChainDef] {
        var byName: [String: OperationDef] = [:]
        for op in raw.operations {
            byName[op.id] = op
            for alias in op.aliases where byName[alias] == nil { byName[alias] = op }
        }
        var result: [ChainDef] = []
        for var chain in raw.chains {
            var operations: [OperationDef] = []
            let chainParams = Set(chain.params.map(\.name))
            for step in chain.steps {
                guard let op = byName[step.operation] else {
                    d.unknown(.unknownOperation, kind: "operation", name: step.operation, candidates: byName.keys.sorted(), at: step.location)
                    continue
                }
                operations.append(op)
                let names = Set(op.params.flatMap { [$0.name] + $0.aliases })
                for param in step.params {
                    if !names.contains(param.name) {
                        d.unknown(.unknownOperation, kind: "parameter of \(op.id)", name: param.name, candidates: names.sorted(), at: param.location)
                    }
                    if param.value.hasPrefix("expr:") {
                        checkExpression(String(param.value.dropFirst(5)), at: param.location, &d)
                    } else if let declared = op.params.first(where: { ([$0.name] + $0.aliases).contains(param.name) }) {
                        checkLiteral(param.value, declared, operation: op.id, at: param.location, &d)
                    }
                }
                let given = Set(step.params.map(\.name))
                for required in op.params where required.required && required.defaultValue == nil {
                    if ([required.name] + required.aliases).contains(where: { given.contains($0) || chainParams.contains($0) }) { continue }
                    d.error(.missingKey, "step \(op.id) of chain '\(chain.id)' does not give required parameter '\(required.name)'",
                            at: step.location)
                }
            }
            if operations.count == chain.steps.count, let first = operations.first {
                // The registry's signature follows the first operation's inputs (Nuxeo); a chain opening with operations
                // that ignore their input (`void`) may still run on any input, which validation accepts.
                chain.signature = flow(first.signature.map(\.input), through: operations)
                if chain.signature.isEmpty { chain.signature = flow(OperationIOType.all, through: operations) }
                if chain.signature.isEmpty {
                    d.error(.noChainPath, "no input type flows through every operation of chain '\(chain.id)' "
                            + "(Cannot find any valid path in operation chain)", at: chain.origin.location)
                }
            }
            result.append(chain)
        }
        return result.sorted { $0.id < $1.id }
    }

    /// The `(input, output)` pairs of a chain: each input followed through the steps as the server runs them. A step takes
    /// the current type when it declares it, a list for a per-document operation, or else ignores it through a `void` input;
    /// a `void → void` step passes the current value on (Nuxeo's `InvokableMethod`).
    static func flow(_ inputs: [String], through operations: [OperationDef]) -> [OperationSignatureDef] {
        var pairs: [OperationSignatureDef] = []
        for input in inputs {
            var current: String? = input
            for op in operations {
                guard let type = current else { break }
                if let exact = op.signature.first(where: { $0.input == type }) {
                    current = exact.output == "void" && exact.input == "void" ? type : exact.output
                } else if type == "documents", let single = op.signature.first(where: { $0.input == "document" }) {
                    // Nuxeo's collector runs the operation per document and gathers the outputs.
                    switch single.output {
                    case "document", "void": current = "documents"
                    case "blob": current = "bloblist"
                    default: current = single.output
                    }
                } else if let ignoring = op.signature.first(where: { $0.input == "void" }) {
                    current = ignoring.output == "void" ? type : ignoring.output
                } else {
                    current = nil
                }
            }
            if let output = current, !pairs.contains(OperationSignatureDef(input: input, output: output)) {
                pairs.append(OperationSignatureDef(input: input, output: output))
            }
        }
        return pairs
    }

    /// A literal step value must read as its parameter's type (a boolean, an integer), or the chain fails on every call.
    static func checkLiteral(_ value: String, _ param: OperationParamDef, operation: String, at location: SourceLocation, _ d: inout Diagnostics) {
        let valid: Bool
        switch param.type {
        case .boolean: valid = ["true", "false"].contains(value.trimmingCharacters(in: .whitespaces).lowercased())
        case .integer, .long, .int: valid = Int(value.trimmingCharacters(in: .whitespaces)) != nil
        case .double: valid = Double(value.trimmingCharacters(in: .whitespaces)) != nil
        default: valid = true
        }
        if !valid {
            d.error(.invalidValue, "value '\(value)' of parameter '\(param.name)' of \(operation) is not a valid \(param.type.rawValue)", at: location)
        }
    }
}

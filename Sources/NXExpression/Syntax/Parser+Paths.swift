/// Paths (`.member`, `[key]`, `.method(args)`) and the parse-time checks of built-in receivers' vocabulary.
extension Parser {
    mutating func path() throws(ExpressionError) -> Node {
        let base = try primary()
        var steps: [PathStep] = []
        var type = base.type
        var end = base.end
        while true {
            if match(.dot) {
                guard case .identifier(let name) = current.kind else {
                    if case .invalid(let error) = current.kind { throw error }
                    throw ExpressionError("Expected a member name after '.', found \(current.display)", column: current.column)
                }
                let nameToken = advance()
                if isPunctuation(.leftParen) {
                    let (arguments, close) = try arguments()
                    type = try Self.checkCall(name, arguments, on: type, at: nameToken)
                    end = close.end
                    steps.append(PathStep(form: .call(name, arguments), start: nameToken.start, end: end))
                } else {
                    type = try Self.checkMember(name, on: type, at: nameToken)
                    end = nameToken.end
                    steps.append(PathStep(form: .member(name), start: nameToken.start, end: end))
                }
            } else if isPunctuation(.leftBracket) {
                let open = advance()
                guard [.list, .unknown].contains(type) else {
                    throw ExpressionError("Indexing with '[ ]' is not allowed on \(type.name)", column: open.column)
                }
                let key = try conditional()
                end = try expect(.rightBracket, "after the index").end
                type = .unknown
                steps.append(PathStep(form: .index(key), start: open.start, end: end))
            } else {
                break
            }
        }
        guard !steps.isEmpty else { return base }
        return Node(form: .path(base, steps), start: base.start, end: end, type: type)
    }

    mutating func arguments() throws(ExpressionError) -> ([Node], Token) {
        _ = advance()  // (
        var arguments: [Node] = []
        if isPunctuation(.rightParen) { return (arguments, advance()) }
        while true {
            arguments.append(try conditional())
            if match(.comma) { continue }
            return (arguments, try expect(.rightParen, "after the arguments"))
        }
    }

    static func checkCall(_ name: String, _ arguments: [Node], on type: StaticType, at token: Token)
        throws(ExpressionError) -> StaticType
    {
        guard let methods = BuiltInVocabulary.methods(of: type) else { return .unknown }
        guard let signature = methods[name] else {
            throw ExpressionError("Method '\(name)' is not allowed on \(type.name)", column: token.column)
        }
        guard signature.arity.contains(arguments.count) else {
            throw ExpressionError(BuiltInVocabulary.arityMessage(name, signature.arity, got: arguments.count), column: token.column)
        }
        if type == .date, name == "format", case .literal(.string(let pattern)) = arguments[0].form {
            do {
                _ = try DateFormatPattern.parse(pattern)
            } catch {
                throw error.located(at: arguments[0].column)
            }
        }
        return signature.result
    }

    static func checkMember(_ name: String, on type: StaticType, at token: Token) throws(ExpressionError) -> StaticType {
        if type == .unknown { return .unknown }
        if type == .date, let memberType = BuiltInVocabulary.dateMembers[name] { return memberType }
        let hint = BuiltInVocabulary.methods(of: type)?[name] != nil ? "; call it as '\(name)()'" : ""
        throw ExpressionError("Member '\(name)' is not allowed on \(type.name)\(hint)", column: token.column)
    }
}

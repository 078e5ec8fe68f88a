/// `Spec/converters/*.yaml`:
///
/// ```yaml
/// converters:
///   - name: pdf2text
///     description: The text of a PDF.
///     sourceMimeTypes: [application/pdf]
///     destinationMimeType: text/plain
///     tool: { executable: pdftotext, package: poppler-utils, arguments: ["-enc", "UTF-8", "{source}", "{target}"] }
///     timeout: 60                     # seconds (default 120)
///   - name: pictureResize
///     ...
///     params:
///       width: { type: integer, default: "350", min: 1, max: 10000 }
///   - name: md2pdf
///     ...
///     chain: [md2html, any2pdf]
///   - name: html2text
///     ...
///     builtin: html2text              # implemented by nx (SpecParser.builtinConverters)
/// ```
extension SpecParser {
    static let converterKeys = ["name", "description", "sourceMimeTypes", "destinationMimeType", "tool", "chain", "builtin", "params", "timeout"]
    /// The converters nx implements itself.
    public static let builtinConverters = ["html2text", "any2text", "md2html", "identity"]
    /// Placeholders every tool argument may use besides the converter's parameters.
    public static let converterPlaceholders = ["source", "target", "workDir"]

    static func parseConverters(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        for item in sequenceItems(node, "converters", &d) {
            guard let f = item.fields("a converter", allowed: converterKeys, required: ["name", "description", "sourceMimeTypes", "destinationMimeType"],
                                      d: &d),
                  let nameNode = f["name"], let name = nameNode.string("name", &d)
            else { continue }
            checkName(name, "converter name", at: nameNode.location, &d)
            let sources = f["sourceMimeTypes"].map { stringList($0, "sourceMimeTypes", &d) } ?? []
            if sources.isEmpty { d.error(.invalidValue, "converter '\(name)' must accept at least one source mime type", at: nameNode.location) }
            for (type, location) in sources where !isMimePattern(type) {
                d.error(.invalidValue, "'\(type)' is not a mime type (type/subtype, type/* or *)", at: location)
            }
            let destination = f["destinationMimeType"]?.string("destinationMimeType", &d) ?? ""
            if let node = f["destinationMimeType"], !isMimePattern(destination) || destination.contains("*") {
                d.error(.invalidValue, "'\(destination)' is not a mime type (type/subtype)", at: node.location)
            }
            var params: [ConverterParamDef] = []
            if let p = f["params"], p.pairs == nil { d.error(.wrongNodeKind, "params of '\(name)' must be a mapping, found \(p.kindName)", at: p.location) }
            for (key, value) in f["params"]?.pairs ?? [] {
                guard let param = parseConverterParam(key, value, converter: name, &d) else { continue }
                params.append(param)
            }
            var run: ConverterRun?
            switch (f["tool"], f["chain"], f["builtin"]) {
            case (let tool?, nil, nil):
                run = parseConverterTool(tool, converter: name, params: params, &d)
            case (nil, nil, let builtin?):
                if let text = builtin.string("builtin", &d) {
                    if builtinConverters.contains(text) { run = .builtin(text) } else {
                        d.unknown(.unknownConverter, kind: "builtin converter", name: text, candidates: builtinConverters, at: builtin.location)
                    }
                }
            case (nil, let chain?, nil):
                let steps = stringList(chain, "chain", &d)
                if steps.count < 2 { d.error(.invalidValue, "the chain of '\(name)' must name at least two converters", at: chain.location) }
                run = .chain(steps.map(\.0))
                raw.converterRefs += steps.map { ($0.0, $0.1) }
            default:
                d.error(.conflictingKeys, "converter '\(name)' needs exactly one of tool, chain and builtin", at: nameNode.location)
            }
            var timeout = 120
            if let t = f["timeout"], let text = t.string("timeout", &d) {
                if let value = Int(text), (1...3600).contains(value) { timeout = value } else {
                    d.error(.invalidValue, "timeout must be a number of seconds between 1 and 3600, not '\(text)'", at: t.location)
                }
            }
            guard let run else { continue }
            raw.converters.append(ConverterDef(
                name: name, description: f["description"]?.string("description", &d) ?? "", sourceMimeTypes: sources.map(\.0),
                destinationMimeType: destination, run: run, params: params, timeout: timeout, origin: origin(node.file, name, nameNode.location)))
        }
    }

    static func parseConverterParam(_ key: SpecNode, _ value: SpecNode, converter: String, _ d: inout Diagnostics) -> ConverterParamDef? {
        guard let name = key.string("a parameter name", &d),
              let pf = value.fields("parameter '\(name)' of '\(converter)'", allowed: ["type", "default", "min", "max", "values"],
                                    required: ["type", "default"], d: &d),
              let typeNode = pf["type"], let type = typeNode.string("type", &d)
        else { return nil }
        checkName(name, "converter parameter", at: key.location, &d)
        if SpecParser.converterPlaceholders.contains(name) {
            d.error(.invalidValue, "'\(name)' is a placeholder of every converter, not a parameter name", at: key.location)
        }
        let defaultValue = pf["default"]?.string("default", &d) ?? ""
        func bound(_ k: String) -> Int? {
            guard let node = pf[k], let text = node.string(k, &d) else { return nil }
            guard let value = Int(text) else {
                d.error(.invalidValue, "\(k) must be an integer, not '\(text)'", at: node.location)
                return nil
            }
            return value
        }
        var param = ConverterParamDef(name: name, type: type, defaultValue: defaultValue, min: bound("min"), max: bound("max"), values: [],
                                      location: key.location)
        switch type {
        case "integer":
            guard param.min != nil, param.max != nil else {
                d.error(.invalidValue, "integer parameter '\(name)' of '\(converter)' needs min and max (a client chooses its value)", at: key.location)
                return nil
            }
            if pf["values"] != nil { d.error(.invalidValue, "values apply to string parameters", at: key.location) }
            if let value = Int(defaultValue), let low = param.min, let high = param.max, low <= high, (low...high).contains(value) {} else {
                d.error(.invalidValue, "the default of '\(name)' must be an integer within its bounds", at: key.location)
            }
        case "string":
            param.values = pf["values"].map { stringList($0, "values", &d).map(\.0) } ?? []
            if param.values.isEmpty {
                d.error(.invalidValue, "string parameter '\(name)' of '\(converter)' needs values (a client chooses among them)", at: key.location)
            } else if !param.values.contains(defaultValue) {
                d.error(.invalidValue, "the default of '\(name)' must be one of its values", at: key.location)
            }
            if param.min != nil || param.max != nil { d.error(.invalidValue, "min and max apply to integer parameters", at: key.location) }
        default:
            d.unknown(.invalidValue, kind: "converter parameter type", name: type, candidates: ["integer", "string"], at: typeNode.location)
            return nil
        }
        return param
    }

    static func parseConverterTool(_ node: SpecNode, converter: String, params: [ConverterParamDef], _ d: inout Diagnostics) -> ConverterRun? {
        guard let f = node.fields("the tool of '\(converter)'", allowed: ["executable", "arguments", "package", "output"],
                                  required: ["executable", "arguments", "package"], d: &d),
              let executable = f["executable"]?.string("executable", &d), let package = f["package"]?.string("package", &d)
        else { return nil }
        if executable.isEmpty || executable.contains("/") || executable.contains(" ") {
            d.error(.invalidValue, "the executable of '\(converter)' is a name looked up on PATH, not '\(executable)'", at: node.location)
        }
        let arguments = f["arguments"].map { stringList($0, "arguments", &d) } ?? []
        let known = Set(converterPlaceholders + params.map(\.name))
        var sawSource = false
        for (argument, location) in arguments {
            for placeholder in placeholders(in: argument) {
                if placeholder == "source" { sawSource = true }
                if !known.contains(placeholder) {
                    d.unknown(.unknownPlaceholder, kind: "placeholder", name: placeholder, candidates: known.sorted(), at: location)
                }
            }
        }
        if !sawSource { d.error(.invalidValue, "the arguments of '\(converter)' never name {source}", at: node.location) }
        // Where the tool writes its result: {target} unless it names its output itself (inside {workDir}).
        var output = "{target}"
        if let o = f["output"], let text = o.string("output", &d) {
            if !text.hasPrefix("{workDir}/") || text.contains("..") {
                d.error(.invalidValue, "the output of '\(converter)' must be a path under {workDir}/", at: o.location)
            }
            for placeholder in placeholders(in: text) where placeholder != "workDir" {
                d.unknown(.unknownPlaceholder, kind: "placeholder", name: placeholder, candidates: ["workDir"], at: o.location)
            }
            output = text
        }
        return .tool(executable: executable, arguments: arguments.map(\.0), output: output, package: package)
    }

    /// The `{name}` placeholders of an argument.
    public static func placeholders(in argument: String) -> [String] {
        var result: [String] = []
        var rest = argument[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return result
    }

    /// `type/subtype`, `type/*` or `*`.
    static func isMimePattern(_ text: String) -> Bool {
        if text == "*" { return true }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = { (c: Character) in c.isLetter || c.isNumber || "-+.!#$&^_*".contains(c) }
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(allowed) } && (parts[1] == "*" || !parts[1].contains("*"))
            && !parts[0].contains("*")
    }

    /// A sequence of strings with their locations.
    static func stringList(_ node: SpecNode, _ what: String, _ d: inout Diagnostics) -> [(String, SourceLocation)] {
        sequenceItems(node, what, &d).compactMap { item in item.string(what, &d).map { ($0, item.location) } }
    }
}

extension SpecParser {
    static let sdkKeys = ["resources", "operations"]
    static let sdkResourceKeys = ["description", "methods"]
    static let sdkMethodKeys = ["endpoint", "labels", "sequence"]

    /// `sdk: { operations: resource, resources: { name: { description, methods: { method: endpointId | { endpoint, labels,
    /// sequence } } } } }`; `operations` names the resource that runs typed operations (`run`).
    static func parseSDK(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let f = node.fields("sdk", allowed: sdkKeys, required: ["resources"], d: &d), let resources = f["resources"] else { return }
        if let operations = f["operations"], let name = operations.string("operations", &d) { raw.sdkOperations = (name, operations.location) }
        guard let pairs = resources.pairs else {
            d.error(.wrongNodeKind, "sdk resources must be a mapping, found \(resources.kindName)", at: resources.location)
            return
        }
        for (key, value) in pairs {
            guard let name = key.string("an SDK resource name", &d),
                  let r = value.fields("SDK resource '\(name)'", allowed: sdkResourceKeys, required: ["methods"], d: &d)
            else { continue }
            checkIdentifier(name, "SDK resource name", at: key.location, &d)
            var methods: [SDKMethodDef] = []
            if let list = r["methods"]?.pairs {
                for (methodKey, methodValue) in list {
                    guard let methodName = methodKey.string("an SDK method name", &d) else { continue }
                    checkIdentifier(methodName, "SDK method name", at: methodKey.location, &d)
                    if let endpoint = methodValue.scalar {
                        methods.append(SDKMethodDef(name: methodName, endpoint: endpoint, labels: [:], location: methodKey.location))
                        continue
                    }
                    guard let m = methodValue.fields("SDK method '\(name).\(methodName)'", allowed: sdkMethodKeys, required: ["endpoint"], d: &d),
                          let endpoint = m["endpoint"]?.string("endpoint", &d)
                    else { continue }
                    var labels: [String: String] = [:]
                    for (param, label) in m["labels"]?.pairs ?? [] {
                        guard let param = param.string("a parameter name", &d), let text = label.string("a label", &d) else { continue }
                        if text != "_" { checkIdentifier(text, "argument label", at: label.location, &d) }
                        labels[param] = text
                    }
                    let sequence = m["sequence"]?.string("sequence", &d)
                    if let sequence { checkIdentifier(sequence, "SDK method name", at: m["sequence"]?.location ?? methodKey.location, &d) }
                    methods.append(SDKMethodDef(name: methodName, endpoint: endpoint, labels: labels, sequence: sequence, location: methodKey.location))
                }
            } else if let methodsNode = r["methods"] {
                d.error(.wrongNodeKind, "methods of SDK resource '\(name)' must be a mapping, found \(methodsNode.kindName)", at: methodsNode.location)
            }
            raw.sdkResources.append(SDKResourceDef(
                name: name, description: r["description"]?.string("description", &d) ?? "", methods: methods,
                origin: origin(node.file, name, key.location)))
        }
    }

    /// A Swift identifier: a letter first, then letters and digits.
    static func checkIdentifier(_ name: String, _ what: String, at location: SourceLocation, _ d: inout Diagnostics) {
        let letters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        guard let first = name.first, letters.contains(first), name.allSatisfy({ letters.contains($0) || $0.isASCII && $0.isNumber }) else {
            d.error(.invalidValue, "\(what) '\(name)' must be a Swift identifier (a letter, then letters and digits)", at: location)
            return
        }
    }
}

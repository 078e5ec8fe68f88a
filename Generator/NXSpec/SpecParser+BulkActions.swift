/// `Spec/bulk/*.yaml`:
///
/// ```yaml
/// bulkActions:
///   - id: setProperties
///     description: Writes the given properties on each document.
///     httpEnabled: true          # non-administrators may submit it (default false)
///     exclusive: false           # one active command at a time (default false)
///     xpathParams: true          # any property xpath is a parameter (default false)
///     params:
///       disableAuditLogger: { type: boolean, description: … }
/// ```
extension SpecParser {
    static let bulkActionKeys = ["id", "description", "httpEnabled", "exclusive", "xpathParams", "params"]
    static let bulkParamTypes = ["string", "boolean", "integer", "[string]", "object"]

    static func parseBulkActions(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        for item in sequenceItems(node, "bulkActions", &d) {
            guard let f = item.fields("a bulk action", allowed: bulkActionKeys, required: ["id", "description"], d: &d),
                  let idNode = f["id"], let id = idNode.string("id", &d)
            else { continue }
            checkName(id, "bulk action id", at: idNode.location, &d)
            var params: [BulkActionParamDef] = []
            for (key, value) in f["params"]?.pairs ?? [] {
                guard let name = key.string("a parameter name", &d),
                      let pf = value.fields("parameter '\(name)' of '\(id)'", allowed: ["type", "description"], required: ["type"], d: &d),
                      let typeNode = pf["type"], let type = typeNode.string("type", &d)
                else { continue }
                if !bulkParamTypes.contains(type) {
                    d.unknown(.invalidValue, kind: "bulk parameter type", name: type, candidates: bulkParamTypes, at: typeNode.location)
                }
                params.append(BulkActionParamDef(name: name, type: type, description: pf["description"]?.string("description", &d) ?? "",
                                                 location: key.location))
            }
            if let p = f["params"], p.pairs == nil { d.error(.wrongNodeKind, "params of '\(id)' must be a mapping, found \(p.kindName)", at: p.location) }
            raw.bulkActions.append(BulkActionDef(
                id: id, description: f["description"]?.string("description", &d) ?? "", httpEnabled: f["httpEnabled"]?.bool("httpEnabled", &d) ?? false,
                exclusive: f["exclusive"]?.bool("exclusive", &d) ?? false, xpathParams: f["xpathParams"]?.bool("xpathParams", &d) ?? false,
                params: params, origin: origin(node.file, id, idNode.location)))
        }
    }
}

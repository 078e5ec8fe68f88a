/// `Spec/renditions/*.yaml`:
///
/// ```yaml
/// renditions:
///   - name: pdf
///     label: label.rendition.pdf
///     icon: /icons/pdf.png
///     contentType: application/pdf
///     produce: { convertTo: application/pdf }     # or { converter: name }, { builtin: xmlExport }, { pictureView: Small }
///   - name: zipExport
///     filter: { folderish: false }                # and/or { facet: Picture }
///     allowEmptyBlob: true
///     visible: true                               # listed by the renditions enricher (default true)
/// ```
extension SpecParser {
    static let renditionKeys = ["name", "label", "icon", "kind", "contentType", "visible", "allowEmptyBlob", "filter", "produce"]
    /// The renditions nx produces itself.
    public static let builtinRenditions = ["mainBlob", "thumbnail", "xmlExport", "zipExport"]
    /// The picture views a Picture holds (`PictureViews` in NXCore computes them).
    public static let pictureViewTitles = ["Thumbnail", "Small", "Medium", "FullHD", "OriginalJpeg"]

    static func parseRenditions(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        for item in sequenceItems(node, "renditions", &d) {
            guard let f = item.fields("a rendition", allowed: renditionKeys, required: ["name", "produce"], d: &d),
                  let nameNode = f["name"], let name = nameNode.string("name", &d)
            else { continue }
            checkName(name, "rendition name", at: nameNode.location, &d)
            var filter = RenditionFilterDef()
            if let filterNode = f["filter"], let ff = filterNode.fields("the filter of '\(name)'", allowed: ["folderish", "facet"], required: [], d: &d) {
                filter.folderish = ff["folderish"]?.bool("folderish", &d)
                if let facetNode = ff["facet"], let facet = facetNode.string("facet", &d) {
                    filter.facet = facet
                    raw.facetRefs.append((facet, facetNode.location))
                }
            }
            if let type = f["contentType"], let text = type.string("contentType", &d), !isMimePattern(text) || text.contains("*") {
                d.error(.invalidValue, "'\(text)' is not a mime type (type/subtype)", at: type.location)
            }
            if let icon = f["icon"], let text = icon.string("icon", &d), !text.hasPrefix("/") {
                d.error(.invalidValue, "the icon of '\(name)' is a path under the server's base URL, starting with '/'", at: icon.location)
            }
            guard let produceNode = f["produce"], let producer = parseRenditionProducer(produceNode, rendition: name, into: &raw, &d) else { continue }
            raw.renditions.append(RenditionDef(
                name: name, label: f["label"]?.string("label", &d), icon: f["icon"]?.string("icon", &d), kind: f["kind"]?.string("kind", &d),
                contentType: f["contentType"]?.string("contentType", &d), visible: f["visible"]?.bool("visible", &d) ?? true,
                allowEmptyBlob: f["allowEmptyBlob"]?.bool("allowEmptyBlob", &d) ?? false, filter: filter, producer: producer,
                origin: origin(node.file, name, nameNode.location)))
        }
    }

    static func parseRenditionProducer(_ node: SpecNode, rendition: String, into raw: inout RawSpec, _ d: inout Diagnostics) -> RenditionProducerDef? {
        let keys = ["convertTo", "converter", "builtin", "pictureView"]
        guard let f = node.fields("the producer of '\(rendition)'", allowed: keys, required: [], d: &d) else { return nil }
        let given = keys.compactMap { key in f[key].map { (key, $0) } }
        guard given.count == 1, let (key, valueNode) = given.first, let value = valueNode.string(key, &d) else {
            d.error(.conflictingKeys, "rendition '\(rendition)' is produced by exactly one of \(keys.joined(separator: ", "))", at: node.location)
            return nil
        }
        switch key {
        case "convertTo":
            if !isMimePattern(value) || value.contains("*") { d.error(.invalidValue, "'\(value)' is not a mime type (type/subtype)", at: valueNode.location) }
            return .convertTo(value)
        case "converter":
            raw.converterRefs.append((value, valueNode.location))
            return .converter(value)
        case "builtin":
            guard builtinRenditions.contains(value) else {
                d.unknown(.unknownConverter, kind: "builtin rendition", name: value, candidates: builtinRenditions, at: valueNode.location)
                return nil
            }
            return .builtin(value)
        default:
            guard pictureViewTitles.contains(value) else {
                d.unknown(.invalidValue, kind: "picture view", name: value, candidates: pictureViewTitles, at: valueNode.location)
                return nil
            }
            return .pictureView(value)
        }
    }
}

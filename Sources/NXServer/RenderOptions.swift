import NXAPI
import NXAPIRuntime
import NXModel

/// How documents of a response are written: the rendering-context values of the request (`properties`, `enrichers.document`,
/// `fetch.document`, `depth`) and who asks.
struct RenderOptions: Sendable {
    /// Schemas whose properties are written (`*` = all; empty = no `properties` field).
    var properties: [String]
    /// Enrichers to run (unknown names are ignored).
    var enrichers: [String]
    /// Parts to fetch: `versionLabel`, `lock`, `properties`, xpaths.
    var fetch: [String]
    /// How deep nested documents (enrichers, fetched references) keep their properties and enrichers.
    var depth: Depth
    /// The caller.
    var principal: NXPrincipal
    /// Server base URL ending in `/nuxeo/`.
    var baseURL: String
    /// `translate.directoryEntry` fields of fetched directory entries, in the request locale.
    var translation: LabelTranslation

    init(properties: [String], enrichers: [String] = [], fetch: [String] = [], depth: Depth? = nil, translation: LabelTranslation = .none,
         context: NXCallContext) {
        self.properties = properties
        self.enrichers = enrichers
        self.fetch = fetch
        self.depth = depth ?? .root
        self.translation = translation
        self.principal = context.principal
        self.baseURL = context.baseURL
    }

    /// Nested levels that keep properties and enrichers: `root` 0, `children` 1, `max` 2 (any other value is `root`).
    var maxNestedLevel: Int {
        switch depth {
        case .children: return 1
        case .max: return 2
        default: return 0
        }
    }

    /// Whether `part` was asked for with `fetch.document`.
    func fetches(_ part: String) -> Bool { fetch.contains(part) }
}

extension DocumentRenderingParameters {
    /// The rendering options of this request.
    func options(_ context: NXCallContext) -> RenderOptions { read(with: RenderOptions.Reader(context: context)) }
}

extension RenderOptions {
    /// The one reader of the generated `DocumentRenderingParameters`: every parameter of the set is an argument here, so
    /// a parameter added to the spec's set stops the build until it is read (or named `_`).
    struct Reader: DocumentRenderingParametersReader {
        let context: NXCallContext

        func read(
            schemas properties: [String],
            enrichersDocument: [String],
            fetchDocument: [String],
            depth: Depth?,
            translateDirectoryEntry: [String],
            acceptLanguage: String?
        ) -> RenderOptions {
            RenderOptions(properties: properties, enrichers: enrichersDocument, fetch: fetchDocument, depth: depth,
                          translation: LabelTranslation(translateDirectoryEntry, acceptLanguage: acceptLanguage), context: context)
        }
    }
}

import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// The publishing and proxy operations of Spec/operations/publishing.yaml.
extension DocumentOperations {
    /// Publishes each input document into `target` (renditions are not served: a rendition name or `defaultRendition`
    /// → 400). Returns the proxy (proxies for a list).
    func documentPublishToSection(_ input: Value, _ params: DocumentPublishToSectionParams, context: Context) async throws -> Value {
        if params.defaultRendition || !(params.renditionName ?? "").isEmpty {
            throw NXError.invalid("Publishing a rendition is not supported: publish without renditionName and defaultRendition")
        }
        let section = try await context.repository.document(params.target, principal: context.principal)
        return try await context.each(input) { document in
            try await context.repository.publish(.id(document.id), to: .id(section.id), override: params.override, principal: context.principal)
        }
    }

    /// Publishes each input document into every target section; returns all the proxies.
    func documentPublishToSections(_ input: Value, _ params: DocumentPublishToSectionsParams, context: Context) async throws -> Value {
        var sections: [DocumentRecord] = []
        for ref in params.target { sections.append(try await context.repository.document(ref, principal: context.principal)) }
        var proxies: [DocumentRecord] = []
        for document in try await context.documents(input) {
            for section in sections {
                proxies.append(try await context.repository.publish(.id(document.id), to: .id(section.id), override: params.override,
                                                                    principal: context.principal))
            }
        }
        return .documents(proxies)
    }

    /// Removes every publication of the input document; the operation returns nothing (a chain passes its input on).
    func documentUnpublishAll(_ input: Value, _ params: DocumentUnpublishAllParams, context: Context) async throws -> Value {
        try await context.repository.unpublishAll(.id(try await context.document(input).id), principal: context.principal)
        return .void
    }

    /// Removes the proxies of each input document; returns the input.
    func documentRemoveProxies(_ input: Value, _ params: DocumentRemoveProxiesParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            try await context.repository.removeProxies(of: .id(document.id), principal: context.principal)
            return document
        }
    }

    /// A live proxy of each input document in the folder at `Destination Path` (unknown → 404 with Nuxeo's message).
    func documentCreateLiveProxy(_ input: Value, _ params: DocumentCreateLiveProxyParams, context: Context) async throws -> Value {
        let path = params.destinationPath
        let folder: DocumentRecord
        do {
            folder = try await context.repository.document(.path(path.hasPrefix("/") ? path : "/" + path))
        } catch let error as NXError where error.code == .notFound {
            throw NXError.notFound("Destination \"\(path)\" specified into operation not found")
        }
        return try await context.each(input) { document in
            try await context.repository.createProxy(target: .id(document.id), in: .id(folder.id), live: true, principal: context.principal)
        }
    }

    /// The live document behind each input proxy or version.
    func proxyGetSourceDocument(_ input: Value, _ params: ProxyGetSourceDocumentParams, context: Context) async throws -> Value {
        try await context.each(input) { try await context.repository.liveDocument(of: .id($0.id), principal: context.principal) }
    }
}

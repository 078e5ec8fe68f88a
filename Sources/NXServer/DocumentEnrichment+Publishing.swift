import NXCore
import NXRuntime

/// The publishing enricher of Spec/enrichers/publishing.yaml.
extension DocumentEnrichment {
    /// `{"resultsCount": n}`: the readable proxies whose version series is this document (live proxies and published
    /// versions), as Nuxeo's PublicationJsonEnricher counts them.
    func publications(_ record: DocumentRecord) async throws -> JSONValue? {
        let count = try await repository.publications(of: record, principal: options.user).count
        return .object(["resultsCount": .int(Int64(count))])
    }
}

import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// The instance facet operations of Spec/operations/document-facets.yaml. nx saves every change as it is made: with
/// `save: false` the document is saved all the same.
extension DocumentOperations {
    /// Adds `facet` to each input document (an undeclared facet → 400 `No such facet: <facet>`; one it has already, no change).
    func documentAddFacet(_ input: Value, _ params: DocumentAddFacetParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            try await context.repository.addFacet(params.facet, to: .id(document.id), principal: context.principal)
        }
    }

    /// Removes the instance facet `facet` from each input document and clears the properties only it brought; a facet
    /// not added per instance changes nothing.
    func documentRemoveFacet(_ input: Value, _ params: DocumentRemoveFacetParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            try await context.repository.removeFacet(params.facet, from: .id(document.id), principal: context.principal)
        }
    }
}

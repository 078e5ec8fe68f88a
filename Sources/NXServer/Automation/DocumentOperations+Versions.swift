import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// The version operations added to Spec/operations/document.yaml.
extension DocumentOperations {
    /// The newest version of each input document; a document without versions gives nothing (204 for one document,
    /// left out of a list).
    func documentGetLastVersion(_ input: Value, _ params: DocumentGetLastVersionParams, context: Context) async throws -> Value {
        var result: [DocumentRecord] = []
        for document in try await context.documents(input) {
            let series = document.versionableId ?? document.id
            if let last = try await context.repository.versions(of: .id(series), principal: context.principal).last { result.append(last) }
        }
        if context.isSingle(input) { return result.first.map(OperationValue.document) ?? .void }
        return .documents(result)
    }

    /// Restores the live document of the input version to it; returns the live document.
    func documentRestoreVersion(_ input: Value, _ params: DocumentRestoreVersionParams, context: Context) async throws -> Value {
        let version = try await context.document(input)
        return .document(try await context.repository.restore(toVersion: .id(version.id), createVersion: params.createVersion,
                                                               checkout: params.checkout, principal: context.principal))
    }
}

extension OperationContext {
    /// Whether the input is one document (the collector returns one document) rather than a list.
    func isSingle(_ input: OperationValue) -> Bool {
        switch input {
        case .document: return true
        case .reference(let text): return !text.contains(",")
        default: return false
        }
    }
}

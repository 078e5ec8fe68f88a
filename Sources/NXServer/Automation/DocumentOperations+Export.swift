import NXAPI
import NXCore
import NXRuntime

/// `Document.Export` (nuxeo-platform-io's `ExportDocument`): `document.xml`, or with `exportAsZip` / `exportAsTree` the
/// archive `export.zip` (the tree: the document and every descendant the caller may read).
extension DocumentOperations {
    func documentExport(_ input: Value, _ params: DocumentExportParams, context: Context) async throws -> Value {
        let documents = try await context.documents(input)
        var results: [BlobValue] = []
        for document in documents {
            if params.exportAsTree || params.exportAsZip {
                results.append(try await context.repository.exportZip(document, tree: params.exportAsTree, principal: context.principal))
            } else {
                results.append(try await context.repository.exportXML(document, principal: context.principal))
            }
        }
        if case .documents = input { return .blobs(results) }
        guard let first = results.first else { return .json(.null) }
        return .blob(first)
    }
}

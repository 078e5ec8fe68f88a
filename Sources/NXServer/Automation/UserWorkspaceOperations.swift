import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// `User.GetUserWorkspace` and `UserWorkspace.CreateDocumentFromBlob` (Nuxeo's UserWorkspace and
/// UserWorkspaceCreateFromBlob operations).
extension DocumentOperations {
    /// The caller's personal workspace, created on first use.
    func userGetUserWorkspace(_ input: Value, _ params: UserGetUserWorkspaceParams, context: Context) async throws -> Value {
        .document(try await context.repository.userWorkspace(context.principal))
    }

    /// Each input file imported into the caller's personal workspace as `FileManager.Import` does (a Note for small text,
    /// else a File; a new document each time).
    func userWorkspaceCreateDocumentFromBlob(
        _ input: Value, _ params: UserWorkspaceCreateDocumentFromBlobParams, context: Context
    ) async throws -> Value {
        let workspace = try await context.repository.userWorkspace(context.principal)
        var created: [DocumentRecord] = []
        for blob in try context.blobs(input) {
            created.append(try await FileImporter(context: context).importBlob(blob, into: workspace, overwrite: false))
        }
        if case .blob = input, let document = created.first { return .document(document) }
        return .documents(created)
    }
}

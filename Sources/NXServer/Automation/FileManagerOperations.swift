import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// `FileManager.ImportWithProperties` and `FileManager.CreateFolder` (nuxeo-platform-filemanager).
extension DocumentOperations {
    /// Imports each file as `FileManager.Import` does into the `currentDocument` folder, then sets `properties`
    /// (`key=value` lines typed by the document's schemas).
    func fileManagerImportWithProperties(
        _ input: Value, _ params: FileManagerImportWithPropertiesParams, context: Context
    ) async throws -> Value {
        let folder = try await context.currentDocument(role: " (the destination folder)")
        var documents: [DocumentRecord] = []
        for blob in try context.blobs(input) {
            let imported = try await FileImporter(context: context).importBlob(blob, into: folder, overwrite: params.overwrite ?? false)
            documents.append(try await context.repository.update(
                .id(imported.id), properties: context.properties(params.properties, of: imported), changeToken: nil, userChange: true,
                principal: context.principal))
        }
        if case .blob = input, let document = documents.first { return .document(document) }
        return .documents(documents)
    }

    /// A folder titled `title` in the input document — a `Workspace` in a workspace root, else a `Folder` — named from the
    /// title; with `overwrite`, an existing folderish child of that title is reused. Then `properties` are set.
    func fileManagerCreateFolder(_ input: Value, _ params: FileManagerCreateFolderParams, context: Context) async throws -> Value {
        let parent = try await context.document(input)
        let repository = context.repository
        let type = parent.type == "WorkspaceRoot" ? "Workspace" : "Folder"
        var folder: DocumentRecord?
        if params.overwrite ?? false {
            folder = try await repository.childList(of: parent, principal: context.principal).first { child in
                child.title == params.title && (repository.registry.type(of: child)?.isFolderish ?? false)
            }
        }
        if folder == nil {
            folder = try await repository.create(in: .id(parent.id), type: type, name: params.title,
                                                 properties: ["dc:title": .string(params.title)], principal: context.principal)
        }
        guard var result = folder else { throw NXError.internal("The folder was not created") }
        if let properties = params.properties, !properties.isEmpty {
            result = try await repository.update(.id(result.id), properties: context.properties(properties, of: result), changeToken: nil,
                                                 userChange: true, principal: context.principal)
        }
        return .document(result)
    }
}

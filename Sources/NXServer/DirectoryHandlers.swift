import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `/directory`: directories (vocabularies) and their entries (RS/directory/*). Writes are for administrators and
/// `powerusers`; entry ids containing `/` come percent-encoded (`art%2Fcinema`).
extension APIHandlers {
    func getDirectories(
        repository: String,
        types: [String]?,
        context: NXCallContext
    ) async throws -> GetDirectoriesOutput {
        let types = (types ?? []).flatMap { $0.split(separator: ",").map { String($0).trimmingWhitespace } }.filter { !$0.isEmpty }
        return .ok(DirectoriesEntity(entries: directories.directories(types: types).map(DirectoryJSON.entity)))
    }

    func getDirectoryEntries(
        repository: String,
        dir: String,
        pageSize: Int,
        currentPageIndex: Int?,
        offset: Int?,
        translateDirectoryEntry: [String],
        acceptLanguage: String?,
        context: NXCallContext
    ) async throws -> GetDirectoryEntriesOutput {
        let page = try await directories.page(dir, request: PageRequest(pageSize: pageSize, currentPageIndex: currentPageIndex,
                                                                              offset: offset))
        return .ok(DirectoryJSON.page(page, translation: LabelTranslation(translateDirectoryEntry, acceptLanguage: acceptLanguage)))
    }

    func getDirectoryEntry(
        repository: String,
        dir: String,
        entryId: String,
        translateDirectoryEntry: [String],
        acceptLanguage: String?,
        context: NXCallContext
    ) async throws -> GetDirectoryEntryOutput {
        .ok(DirectoryJSON.entity(try await directories.existingEntry(dir, id: entryId),
                                 translation: LabelTranslation(translateDirectoryEntry, acceptLanguage: acceptLanguage)))
    }

    func createDirectoryEntry(
        repository: String,
        dir: String,
        translateDirectoryEntry: [String],
        acceptLanguage: String?,
        body: DirectoryEntryEntity,
        context: NXCallContext
    ) async throws -> CreateDirectoryEntryOutput {
        let name = try directories.directory(dir).name
        try directories.checkWritable(name, isAdministrator: context.principal.isAdministrator, groups: context.principal.groups)
        var properties = body.properties
        if let id = body.id, properties[try directories.directory(name).idField] == nil {
            properties[try directories.directory(name).idField] = .string(id)
        }
        return .created(DirectoryJSON.entity(try await directories.create(name, properties: properties),
                                             translation: LabelTranslation(translateDirectoryEntry, acceptLanguage: acceptLanguage)))
    }

    func updateDirectoryEntry(
        repository: String,
        dir: String,
        entryId: String,
        translateDirectoryEntry: [String],
        acceptLanguage: String?,
        body: DirectoryEntryEntity,
        context: NXCallContext
    ) async throws -> UpdateDirectoryEntryOutput {
        let name = try directories.directory(dir).name
        _ = try await directories.existingEntry(name, id: entryId)
        try directories.checkWritable(name, isAdministrator: context.principal.isAdministrator, groups: context.principal.groups)
        return .ok(DirectoryJSON.entity(try await directories.update(name, id: entryId, properties: body.properties),
                                        translation: LabelTranslation(translateDirectoryEntry, acceptLanguage: acceptLanguage)))
    }

    func deleteDirectoryEntry(
        repository: String,
        dir: String,
        entryId: String,
        context: NXCallContext
    ) async throws -> DeleteDirectoryEntryOutput {
        let name = try directories.directory(dir).name
        _ = try await directories.existingEntry(name, id: entryId)
        try directories.checkWritable(name, isAdministrator: context.principal.isAdministrator, groups: context.principal.groups)
        try await directories.delete(name, id: entryId)
        return .noContent
    }
}

/// `directory`, `directoryEntry` and `directoryEntries` entities (Nuxeo's DirectoryJsonWriter, DirectoryEntryJsonWriter).
enum DirectoryJSON {
    static func entity(_ d: DirectoryDefinition) -> DirectoryEntity {
        DirectoryEntity(name: d.name, schema: d.schema, idField: d.idField, readOnly: d.readOnly, parent: d.parent)
    }

    /// An entry, its `translate.directoryEntry` fields written as their text for the request locale.
    static func entity(_ e: DirectoryEntry, translation: LabelTranslation = .none) -> DirectoryEntryEntity {
        DirectoryEntryEntity(directoryName: e.directory, id: e.id, properties: translation.apply(e.properties))
    }

    static func page(_ page: Page<DirectoryEntry>, translation: LabelTranslation = .none) -> DirectoryEntriesEntity {
        DirectoryEntriesEntity(page: page.map { entity($0, translation: translation) })
    }
}

import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `/directory`: directories (vocabularies) and their entries (RS/directory/*). Writes are for administrators and
/// `powerusers`; entry ids containing `/` come percent-encoded (`art%2Fcinema`).
extension APIHandlers {
    func getDirectories(_ input: GetDirectoriesInput, context: NXCallContext) async throws -> GetDirectoriesOutput {
        let types = (input.types ?? []).flatMap { $0.split(separator: ",").map { String($0).trimmingWhitespace } }.filter { !$0.isEmpty }
        return .ok(DirectoriesEntity(entries: directories.directories(types: types).map(DirectoryJSON.entity)))
    }

    func getDirectoryEntries(_ input: GetDirectoryEntriesInput, context: NXCallContext) async throws -> GetDirectoryEntriesOutput {
        let page = try await directories.page(input.dir, request: PageRequest(pageSize: input.pageSize, currentPageIndex: input.currentPageIndex,
                                                                              offset: input.offset))
        return .ok(DirectoryJSON.page(page, translation: LabelTranslation(input.translateDirectoryEntry, acceptLanguage: input.acceptLanguage)))
    }

    func getDirectoryEntry(_ input: GetDirectoryEntryInput, context: NXCallContext) async throws -> GetDirectoryEntryOutput {
        .ok(DirectoryJSON.entity(try await directories.existingEntry(input.dir, id: input.entryId),
                                 translation: LabelTranslation(input.translateDirectoryEntry, acceptLanguage: input.acceptLanguage)))
    }

    func createDirectoryEntry(_ input: CreateDirectoryEntryInput, context: NXCallContext) async throws -> CreateDirectoryEntryOutput {
        let name = try directories.directory(input.dir).name
        try directories.checkWritable(name, isAdministrator: context.principal.isAdministrator, groups: context.principal.groups)
        var properties = input.body.properties ?? JSONObject()
        if let id = input.body.id, properties[try directories.directory(name).idField] == nil {
            properties[try directories.directory(name).idField] = .string(id)
        }
        return .created(DirectoryJSON.entity(try await directories.create(name, properties: properties),
                                             translation: LabelTranslation(input.translateDirectoryEntry, acceptLanguage: input.acceptLanguage)))
    }

    func updateDirectoryEntry(_ input: UpdateDirectoryEntryInput, context: NXCallContext) async throws -> UpdateDirectoryEntryOutput {
        let name = try directories.directory(input.dir).name
        _ = try await directories.existingEntry(name, id: input.entryId)
        try directories.checkWritable(name, isAdministrator: context.principal.isAdministrator, groups: context.principal.groups)
        return .ok(DirectoryJSON.entity(try await directories.update(name, id: input.entryId, properties: input.body.properties ?? JSONObject()),
                                        translation: LabelTranslation(input.translateDirectoryEntry, acceptLanguage: input.acceptLanguage)))
    }

    func deleteDirectoryEntry(_ input: DeleteDirectoryEntryInput, context: NXCallContext) async throws -> DeleteDirectoryEntryOutput {
        let name = try directories.directory(input.dir).name
        _ = try await directories.existingEntry(name, id: input.entryId)
        try directories.checkWritable(name, isAdministrator: context.principal.isAdministrator, groups: context.principal.groups)
        try await directories.delete(name, id: input.entryId)
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
        DirectoryEntriesEntity(paging: page.paging, entries: page.entries.map { entity($0, translation: translation) })
    }
}

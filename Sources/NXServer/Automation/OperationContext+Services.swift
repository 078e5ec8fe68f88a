import NXAPIRuntime
import NXCore
import NXRuntime
import NXSchemas

/// Services and result helpers for the catalog operations (users, directories, audit), kept out of `OperationContext`.
extension OperationContext {
    /// The directories stored beside the repository's documents (same store, same registry).
    ///
    /// `OperationContext` does not carry the server's `DirectoryService` yet; this one is equivalent (the service keeps no
    /// state but its store and registry).
    func directories() throws -> DirectoryService {
        guard let store = repository.store as? any SQLStore else { throw NXError.unsupported("Directories need a SQL store") }
        return DirectoryService(store: store, registry: repository.registry, repository: repository)
    }

    /// A JSON result as Nuxeo's `Blobs.createJSONBlob` makes it: the bytes in the binary store, `application/json`, UTF-8,
    /// no file name.
    func jsonBlob(_ value: JSONValue) throws -> OperationValue {
        guard let binaries = repository.binaries else { throw NXError.unsupported("No binary store is configured") }
        let stored = try binaries.store(value.jsonBytes())
        return .blob(BlobValue(name: nil, mimeType: "application/json", encoding: "UTF-8", digest: stored.digest,
                               digestAlgorithm: binaries.digestAlgorithm.rawValue, length: stored.length))
    }

    /// The text of a message key in `lang` (else the `lang` context variable, else English), as Nuxeo's
    /// `I18NUtils.getMessageString`: the key itself when no bundle has it; an absent key translates to "".
    func translate(_ key: String?, lang: String?) -> String {
        guard let key else { return "" }
        let locale = lang ?? variable("lang")?.stringValue ?? "en"
        return NXSchemas.messages.message(key, locale: locale) ?? key
    }

    /// Nuxeo's `directoriesManagementAccess` filter (administrators and `powerusers`), then the core's edit guards (not the
    /// user and group directories, not read-only ones).
    func checkCanManageDirectories(_ directory: String, _ service: DirectoryService) throws {
        guard principal.isAdministrator || principal.groups.contains("powerusers") else { throw NXError.forbidden("Unauthorized user") }
        try service.checkWritable(directory, isAdministrator: true, groups: principal.groups)
    }
}

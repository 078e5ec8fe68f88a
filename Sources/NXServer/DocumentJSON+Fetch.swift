import NXCore
import NXModel
import NXRuntime

extension DocumentJSON {
    /// `fetch.document=properties` (every resolvable property) or an xpath prefix (`dc:creator`, `dc:subjects`): a value
    /// that references a user or a directory entry is replaced by that entity; a reference that does not resolve keeps
    /// its raw value, as Nuxeo does. List items are resolved one by one.
    func resolve(_ properties: JSONObject, type: DocumentType, _ options: RenderOptions) async throws -> JSONObject {
        let all = options.fetch.contains("properties")
        var result = properties
        for (key, value) in properties {
            guard let resolver = type.fieldsByKey[key]?.field.resolver,
                  all || options.fetch.contains(where: { key == $0 || key.hasPrefix($0 + "/") || $0.hasPrefix(key + "/") })
            else { continue }
            switch value {
            case .string(let text): result[key] = try await resolve(text, resolver, options) ?? value
            case .array(let items):
                var resolved: [JSONValue] = []
                for item in items {
                    if case .string(let text) = item { resolved.append(try await resolve(text, resolver, options) ?? item) } else { resolved.append(item) }
                }
                result[key] = .array(resolved)
            default: continue
            }
        }
        return result
    }

    /// The entity a reference points to, nil when it does not resolve; directory entries get the request's
    /// `translate.directoryEntry` fields translated.
    func resolve(_ reference: String, _ resolver: FieldResolver, _ options: RenderOptions) async throws -> JSONValue? {
        switch resolver {
        case .user:
            guard let users, let user = try await users.user(reference) else { return nil }
            return try await UserJSON(users: users).entity(user).jsonValue
        case .directory(let name):
            guard let directories, let entry = try await directories.entry(name, id: reference) else { return nil }
            return DirectoryJSON.entity(entry, translation: options.translation).jsonValue
        }
    }
}

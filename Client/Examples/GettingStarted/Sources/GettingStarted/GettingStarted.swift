import NXClient

@main
struct GettingStarted {
    static func main() async throws {
        // The server's API base, e.g. `make run`'s: http://127.0.0.1:8080/nuxeo/api/v1
        let baseURL = CommandLine.arguments.dropFirst().first ?? "http://127.0.0.1:8080/nuxeo/api/v1"
        let client = NXClient(baseURL: baseURL, user: "Administrator", password: "Administrator")

        // Create a folder, then a note in it (a name already taken gets a suffix, as Nuxeo does).
        let folder = try await client.documents.create(
            in: .path("/default-domain/workspaces"),
            DocumentEntity(type: "Folder", properties: ["dc:title": "Reports"], name: "reports"))
        let note = try await client.documents.create(
            in: .id(folder.uid),
            DocumentEntity(type: "Note", properties: ["dc:title": "Q3", "note:note": "Revenue is up."], name: "q3"))
        print("created", note.path)

        // Fetch it with every schema, then update it unless someone changed it since (a stale change token is a 409).
        let fetched = try await client.documents.get(.id(note.uid), documentRendering: .init(schemas: ["*"]))
        print("fetched", fetched.title, "-", fetched.properties?["note:note"]?.stringValue ?? "")
        let updated = try await client.documents.update(
            .id(note.uid), with: DocumentEntity(uid: note.uid, changeToken: fetched.changeToken, properties: ["dc:description": "Reviewed"]),
            documentRendering: .init(schemas: ["dublincore"]))
        print("updated", updated.properties?["dc:description"]?.stringValue ?? "", "token", updated.changeToken ?? "")

        // Search with NXQL: every match, fetched page by page as the loop asks for more.
        for try await document in client.search.nxql("SELECT * FROM Note WHERE ecm:parentId = '\(folder.uid)'") {
            print("found", document.title)
        }

        // Upload a file (chunked when large, with progress), attach it, stream it back.
        let upload = try await client.uploads.send(.bytes(Array("Hello, nx!".utf8)), name: "hello.txt", mimeType: "text/plain")
        let file = try await client.documents.create(
            in: .id(folder.uid), DocumentEntity(type: "File", properties: ["file:content": upload.reference], name: "hello"))
        let download = try await client.blobs.download(of: .id(file.uid))
        var bytes: [UInt8] = []
        for try await chunk in download.bytes { bytes += chunk }
        print("downloaded", String(decoding: bytes, as: UTF8.self))

        // The folder's children, page by page (two per page here).
        for try await child in client.documents.children(of: .id(folder.uid), pageSize: 2) {
            print("child", child.type, child.title)
        }

        // A typed automation operation: its parameters are checked by the compiler.
        let approved = try await client.automation.run(.documentFollowLifecycleTransition(value: "approve"), input: .document(.id(note.uid)))
        print("state", approved.document?.state ?? "")

        // Errors are typed: a missing document is `.notFound`, with the server's exception entity.
        do {
            _ = try await client.documents.get(.path("/default-domain/no-such-document"))
        } catch {
            // `error` is an NXClientError: a typed throw.
            guard case .notFound(let exception) = error else { throw error }
            print("not found:", exception.status ?? 0, exception.message ?? "")
        }
    }
}

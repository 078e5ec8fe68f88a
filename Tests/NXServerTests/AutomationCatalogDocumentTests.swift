import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Testing

/// The document operations added to the catalog, on the wire.
@Suite struct AutomationDocumentCatalogTests {
    static func property(_ response: TestResponse, _ key: String) -> JSONValue? {
        response.json.objectValue?["properties"]?.objectValue?[key]
    }

    @Test func multivaluedAndListProperties() async throws {
        try await testApplication().test(.router) { client in
            let uid = try await Catalog.create(client, "File", "props", properties: #"{"dc:subjects":["art"],"dc:description":"d"}"#)
            let all = HTTPFields.admin([("properties", "*")])
            let added = try await Catalog.run(client, "AddEntryToMultivaluedProperty", #"{"input":"\#(uid)","params":{"xpath":"dc:subjects","value":"sciences"}}"#, headers: all)
            #expect(Self.property(added, "dc:subjects") == .array(["art", "sciences"]))
            let twice = try await Catalog.run(client, "DocumentMultivaluedProperty.addItem",
                                              #"{"input":"\#(uid)","params":{"xpath":"dc:subjects","value":"art","checkExists":false}}"#, headers: all)
            #expect(Self.property(twice, "dc:subjects") == .array(["art", "sciences", "art"]))
            let one = try await Catalog.run(client, "Document.RemoveEntryOfMultivaluedProperty",
                                            #"{"input":"\#(uid)","params":{"xpath":"dc:subjects","value":"art","is Remove All":false}}"#, headers: all)
            #expect(Self.property(one, "dc:subjects") == .array(["sciences", "art"]))
            let scalar = try await Catalog.run(client, "Document.AddEntryToMultivaluedProperty", #"{"input":"\#(uid)","params":{"xpath":"dc:title","value":"x"}}"#)
            #expect(scalar.status == .badRequest)
            let unknown = try await Catalog.run(client, "Document.RemoveProperty", #"{"input":"\#(uid)","params":{"xpath":"dc:nothing"}}"#)
            #expect(unknown.status == .badRequest && Catalog.message(unknown).hasSuffix("Property not found: dc:nothing"))
            let removed = try await Catalog.run(client, "Document.RemoveProperty", #"{"input":"\#(uid)","params":{"xpath":"dc:description"}}"#, headers: all)
            #expect(Self.property(removed, "dc:description") == .null)
            let items = #"[{\"relatedtextid\":\"a\",\"relatedtext\":\"A\"},{\"relatedtextid\":\"b\",\"relatedtext\":\"B\"}]"#
            let listed = try await Catalog.run(client, "Document.AddItemToListProperty",
                                               #"{"input":"\#(uid)","params":{"xpath":"relatedtext:relatedtextresources","complexJsonProperties":"\#(items)"}}"#, headers: all)
            #expect(Self.property(listed, "relatedtext:relatedtextresources")?.arrayValue?.count == 2)
            let dropped = try await Catalog.run(client, "Document.RemoveItemFromListProperty",
                                                #"{"input":"\#(uid)","params":{"xpath":"relatedtext:relatedtextresources","index":0}}"#, headers: all)
            #expect(Self.property(dropped, "relatedtext:relatedtextresources")?.arrayValue?.first?.objectValue?["relatedtextid"] == "b")
            let outside = try await Catalog.run(client, "Document.RemoveItemFromListProperty",
                                                #"{"input":"\#(uid)","params":{"xpath":"relatedtext:relatedtextresources","index":5}}"#)
            #expect(outside.status == .badRequest && Catalog.message(outside).contains("'index'"))
            let badJSON = try await Catalog.run(client, "Document.AddItemToListProperty",
                                                #"{"input":"\#(uid)","params":{"xpath":"relatedtext:relatedtextresources","complexJsonProperties":"{"}}"#)
            #expect(badJSON.status == .badRequest && Catalog.message(badJSON).contains("'complexJsonProperties'"))
        }
    }

    @Test func copyAndResetSchema() async throws {
        try await testApplication().test(.router) { client in
            let source = try await Catalog.create(client, "File", "source", properties: #"{"dc:description":"from source","dc:source":"s"}"#)
            let target = try await Catalog.create(client, "Note", "target", properties: #"{"dc:description":"mine"}"#)
            let all = HTTPFields.admin([("properties", "*")])
            let copied = try await Catalog.run(client, "Document.CopySchema", #"{"input":"\#(target)","params":{"schema":"dublincore","sourceId":"\#(source)"}}"#, headers: all)
            #expect(Self.property(copied, "dc:description") == "from source" && Self.property(copied, "dc:source") == "s")
            let noSource = try await Catalog.run(client, "Document.CopySchema", #"{"input":"\#(target)","params":{"schema":"dublincore"}}"#)
            #expect(noSource.status == .badRequest && Catalog.message(noSource).hasSuffix("No document id or path was provided"))
            let reset = try await Catalog.run(client, "Document.ResetSchema", #"{"input":"\#(target)","params":{"xpath":"dc:source"}}"#, headers: all)
            #expect(Self.property(reset, "dc:source") == .null && Self.property(reset, "dc:description") == "from source")
            let note = try await Catalog.run(client, "Document.ResetSchema", #"{"input":"\#(target)","params":{"schema":"note"}}"#, headers: all)
            #expect(note.status == .ok)
            let neither = try await Catalog.run(client, "Document.ResetSchema", #"{"input":"\#(target)","params":{}}"#)
            #expect(neither.status == .badRequest && Catalog.message(neither).hasSuffix("No schema or xpath was provided"))
        }
    }

    @Test func versionsAreFoundAndRestored() async throws {
        try await testApplication().test(.router) { client in
            let uid = try await Catalog.create(client, "File", "versioned", properties: #"{"dc:description":"v1"}"#)
            let none = try await Catalog.run(client, "Document.GetLastVersion", #"{"input":"\#(uid)"}"#)
            #expect(none.status == .noContent)
            _ = try await Catalog.run(client, "Document.CheckIn", #"{"input":"\#(uid)","params":{"version":"major"}}"#)
            _ = try await Catalog.run(client, "Document.SetProperty", #"{"input":"\#(uid)","params":{"xpath":"dc:description","value":"v2"}}"#)
            let last = try await Catalog.run(client, "Document.GetLastVersion", #"{"input":"\#(uid)"}"#, headers: .admin([("fetch-document", "versionLabel")]))
            #expect(last.status == .ok && last.json.objectValue?["isVersion"] == true && last.json.objectValue?["versionLabel"] == "1.0")
            let version = try #require(last.json.objectValue?["uid"]?.stringValue)
            let restored = try await Catalog.run(client, "Document.RestoreVersion", #"{"input":"\#(version)","params":{"checkout":true}}"#,
                                                 headers: .admin([("properties", "dublincore")]))
            #expect(restored.status == .ok && restored.json.objectValue?["uid"]?.stringValue == uid)
            #expect(Self.property(restored, "dc:description") == "v1" && restored.json.objectValue?["isCheckedOut"] == true)
            let live = try await Catalog.run(client, "Document.RestoreVersion", #"{"input":"\#(uid)"}"#)
            #expect(live.status == .badRequest && Catalog.message(live).contains("is not a version"))
        }
    }

    @Test func fetchFilterAndPageProvider() async throws {
        try await testApplication().test(.router) { client in
            let folder = try await Catalog.create(client, "Folder", "fetched")
            let a = try await Catalog.create(client, "File", "a", in: "/default-domain/workspaces/fetched", properties: #"{"dc:title":"A","dc:source":"pick"}"#)
            let b = try await Catalog.create(client, "Note", "b", in: "/default-domain/workspaces/fetched", properties: #"{"dc:title":"B","dc:source":"pick"}"#)
            let fetched = try await Catalog.run(client, "Document.FetchByProperty", #"{"params":{"property":"dc:source","values":"pick,other"}}"#)
            #expect(Set(fetched.json.objectValue?["entries"]?.arrayValue?.compactMap { $0.objectValue?["uid"]?.stringValue } ?? []) == [a, b])
            let narrowed = try await Catalog.run(client, "Document.FetchByProperty",
                                                 #"{"params":{"property":"dc:source","values":["pick"],"query":"ecm:primaryType = 'Note'"}}"#)
            #expect(narrowed.json.objectValue?["entries"]?.arrayValue?.count == 1)
            let missing = try await Catalog.run(client, "Document.FetchByProperty", #"{"params":{"property":"dc:source"}}"#)
            #expect(missing.status == .badRequest && Catalog.message(missing).contains("'values'"))
            let filtered = try await Catalog.run(client, "Document.Filter", #"{"input":"docs:\#(a),\#(b)","params":{"types":"Note, Folder"}}"#)
            #expect(filtered.json.objectValue?["entries"]?.arrayValue?.map { $0.objectValue?["uid"]?.stringValue } == [b])
            let byClass = try await Catalog.run(client, "Document.Filter", #"{"input":"\#(a)","params":{"class":"Document Version"}}"#)
            #expect(byClass.json.objectValue?["entries"]?.arrayValue?.isEmpty == true)
            let condition = try await Catalog.run(client, "Document.Filter", #"{"input":"\#(a)","params":{"condition":"Document.type == 'File'"}}"#)
            #expect(condition.status == .badRequest && Catalog.message(condition).contains("'condition'"))
            let badClass = try await Catalog.run(client, "Document.Filter", #"{"input":"\#(a)","params":{"class":"Folders"}}"#)
            #expect(badClass.status == .badRequest && Catalog.message(badClass).contains("'class'"))
            let page = try await Catalog.run(client, "Document.PageProvider",
                                             #"{"params":{"providerName":"CURRENT_DOC_CHILDREN","queryParams":"\#(folder)","pageSize":2,"sortBy":"dc:title","sortOrder":"DESC"}}"#)
            #expect(page.json.objectValue?["entity-type"] == "documents" && page.json.objectValue?["isPaginable"] == true, "\(page.text)")
            #expect(page.json.objectValue?["resultsCount"] == 2 && page.json.objectValue?["entries"]?.arrayValue?.first?.objectValue?["uid"]?.stringValue == b,
                    "\(page.text)")
            let unknown = try await Catalog.run(client, "Repository.PageProvider", #"{"params":{"providerName":"nope"}}"#)
            #expect(unknown.status == .notFound)
            let noName = try await Catalog.run(client, "Repository.PageProvider", #"{"params":{}}"#)
            #expect(noName.status == .badRequest && Catalog.message(noName).contains("'providerName'"))
            let context = try await Catalog.run(client, "Context.FetchDocument", #"{"input":"docs:\#(a),\#(b)"}"#)
            #expect(context.json.objectValue?["entries"]?.arrayValue?.count == 2)
            let none = try await Catalog.run(client, "Context.FetchDocument", #"{}"#)
            #expect(none.status == .badRequest)
            #expect(try await Catalog.run(client, "Document.Reload", #"{"input":"\#(a)"}"#).json.objectValue?["uid"]?.stringValue == a)
            #expect(try await Catalog.run(client, "Document.Save", #"{"input":"docs:\#(a),\#(b)"}"#).json.objectValue?["entries"]?.arrayValue?.count == 2)
            #expect(try await Catalog.run(client, "Document.Save", #"{"input":"/nowhere"}"#).status == .notFound)
        }
    }

    @Test func emptyTrashAndRemoveACL() async throws {
        try await testApplication().test(.router) { client in
            let folder = try await Catalog.create(client, "Folder", "bin")
            let kept = try await Catalog.create(client, "File", "kept", in: "/default-domain/workspaces/bin")
            let trashed = try await Catalog.create(client, "File", "trashed", in: "/default-domain/workspaces/bin")
            _ = try await Catalog.run(client, "Document.Trash", #"{"input":"\#(trashed)"}"#)
            let emptied = try await Catalog.run(client, "Document.EmptyTrash", #"{"params":{"parent":"\#(folder)"}}"#)
            #expect(emptied.status == .noContent)
            #expect(try await client.execute(uri: Catalog.api + "/id/\(trashed)", method: .get, headers: .admin()).status == .notFound)
            #expect(try await client.execute(uri: Catalog.api + "/id/\(kept)", method: .get, headers: .admin()).status == .ok)
            let file = try await Catalog.run(client, "Document.EmptyTrash", #"{"params":{"parent":"\#(kept)"}}"#)
            #expect(file.status == .badRequest && Catalog.message(file).hasSuffix("Empty trash can only be performed on a Folderish document"))
            _ = try await Catalog.run(client, "Document.AddPermission", #"{"input":"\#(folder)","params":{"users":["members"],"permission":"Write"}}"#)
            let removed = try await Catalog.run(client, "Document.RemoveACL", #"{"input":"\#(folder)","params":{"acl":"local"}}"#,
                                                headers: .admin([("enrichers-document", "acls")]))
            let acls = removed.json.objectValue?["contextParameters"]?.objectValue?["acls"]?.arrayValue ?? []
            #expect(removed.status == .ok && !acls.contains { $0.objectValue?["name"] == "local" })
            let noACL = try await Catalog.run(client, "Document.RemoveACL", #"{"input":"\#(folder)"}"#)
            #expect(noACL.status == .badRequest && Catalog.message(noACL).contains("'acl'"))
        }
    }
}

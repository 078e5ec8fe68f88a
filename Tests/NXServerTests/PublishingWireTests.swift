import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Testing

/// Publishing and proxies on the wire: the proxy's document JSON, the registry entries, trash and deletion.
@Suite struct PublishingWireTests {
    /// POSTs a JSON body as the administrator.
    func post(_ client: some TestClientProtocol, _ uri: String, _ body: String, headers: [(String, String)] = []) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: .admin([("Content-Type", "application/json")] + headers), body: ByteBuffer(string: body))
    }

    /// A File `doc` in a workspace folder and a Section; returns their uids.
    func fixture(_ client: some TestClientProtocol) async throws -> (doc: String, section: String) {
        let folder = try await post(client, "/nuxeo/api/v1/path/default-domain/workspaces", #"{"entity-type":"document","type":"Folder","name":"wire-pub"}"#)
        let folderId = try #require(folder.json.objectValue?["uid"]?.stringValue)
        let doc = try await post(client, "/nuxeo/api/v1/id/\(folderId)", #"{"entity-type":"document","type":"File","name":"doc","properties":{"dc:title":"Doc"}}"#)
        let section = try await post(client, "/nuxeo/api/v1/path/default-domain/sections", #"{"entity-type":"document","type":"Section","name":"wire-sec"}"#)
        return (try #require(doc.json.objectValue?["uid"]?.stringValue), try #require(section.json.objectValue?["uid"]?.stringValue))
    }

    @Test func aProxyIsWrittenWithItsTargetAndSeriesInNuxeoOrder() async throws {
        try await testApplication().test(.router) { client in
            let (doc, section) = try await fixture(client)
            let published = try await post(client, "/nuxeo/api/v1/automation/Document.PublishToSection",
                                           #"{"input":"\#(doc)","params":{"target":"\#(section)"}}"#, headers: [("fetch-document", "versionLabel")])
            #expect(published.status == .ok)
            let keys = topLevelKeys(published.text)
            let proxyKeys = ["isVersion", "isProxy", "proxyTargetId", "versionableId", "changeToken"]
            #expect(keys.firstIndex(of: "isVersion").map { Array(keys[$0..<min(keys.count, $0 + 5)]) } == proxyKeys)
            let proxy = try #require(published.json.objectValue)
            #expect(proxy["isProxy"] == true && proxy["isVersion"] == false && proxy["versionableId"]?.stringValue == doc)
            #expect(proxy["versionLabel"] == "0.1" && proxy["isCheckedOut"] == false)
            let token = try #require(proxy["changeToken"]?.stringValue)
            let halves = token.split(separator: "/")
            #expect(halves.count == 2 && halves[0] == halves[1], "a proxy's change token is <proxy>/<target>: \(token)")
            #expect(proxy["facets"]?.arrayValue?.contains("Immutable") == true)
            #expect(keys.contains("isLatestVersion") == false)
            // A live proxy is not immutable.
            let live = try await post(client, "/nuxeo/api/v1/automation/Document.CreateLiveProxy",
                                      #"{"input":"\#(doc)","params":{"Destination Path":"/default-domain/sections/wire-sec"}}"#)
            #expect(live.status == .ok)
            #expect(live.json.objectValue?["proxyTargetId"]?.stringValue == doc)
            #expect(live.json.objectValue?["facets"]?.arrayValue?.contains("Immutable") == false)
        }
    }

    @Test func theRegistryDocumentsThePublishingOperations() async throws {
        try await testApplication().test(.router) { client in
            let response = try await client.execute(uri: "/nuxeo/api/v1/automation/Document.PublishToSection", method: .get, headers: .admin())
            let op = try #require(response.json.objectValue)
            #expect(op["label"] == "Publish Document's Rendition" && op["category"] == "Document")
            #expect(op["aliases"] == ["Document.PublishRendition", "Document.Publish"])
            let params = try #require(op["params"]?.arrayValue).compactMap { $0.objectValue }
            #expect(params.map { $0["name"]?.stringValue ?? "" } == ["target", "defaultRendition", "override", "renditionName"])
            #expect(params.first(where: { $0["name"] == "override" })?["values"] == ["true"])
            let live = try await client.execute(uri: "/nuxeo/api/v1/automation/Document.CreateLiveProxy", method: .get, headers: .admin())
            #expect(live.json.objectValue?["description"]?.stringValue?.hasSuffix("<b>you will have a strange behavior if the input is a folderish.</b>") == true)
        }
    }

    @Test func trashingAProxyRemovesItAndKeepsTheDocument() async throws {
        try await testApplication().test(.router) { client in
            let (doc, section) = try await fixture(client)
            let published = try await post(client, "/nuxeo/api/v1/automation/Document.Publish", #"{"input":"\#(doc)","params":{"target":"\#(section)"}}"#)
            let proxy = try #require(published.json.objectValue?["uid"]?.stringValue)
            let trashed = try await post(client, "/nuxeo/api/v1/automation/Document.Trash", #"{"input":"\#(proxy)"}"#)
            #expect(trashed.status == .ok)
            #expect(try await client.execute(uri: "/nuxeo/api/v1/id/\(proxy)", method: .get, headers: .admin()).status == .notFound)
            #expect(try await client.execute(uri: "/nuxeo/api/v1/id/\(doc)", method: .get, headers: .admin()).status == .ok)
            // A proxy cannot be edited: it shows another document.
            let republished = try await post(client, "/nuxeo/api/v1/automation/Document.Publish", #"{"input":"\#(doc)","params":{"target":"\#(section)"}}"#)
            let again = try #require(republished.json.objectValue?["uid"]?.stringValue)
            let edit = try await client.execute(uri: "/nuxeo/api/v1/id/\(again)", method: .put, headers: .admin([("Content-Type", "application/json")]),
                                                body: ByteBuffer(string: #"{"entity-type":"document","properties":{"dc:title":"x"}}"#))
            #expect(edit.status == .badRequest)
            // Publishing a rendition is not served.
            let rendition = try await post(client, "/nuxeo/api/v1/automation/Document.PublishToSection",
                                           #"{"input":"\#(doc)","params":{"target":"\#(section)","renditionName":"pdf"}}"#)
            #expect(rendition.status == .badRequest)
        }
    }
}

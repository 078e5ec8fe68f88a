import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
@testable import NXServer
import Testing

/// Files leaving the repository: `Blob.PostToURL` to an HTTP endpoint, `Blob.ExportToFS` into a directory, and the
/// permission mail of `Document.SendNotificationEmailForPermission`.
@Suite struct BlobTransferWireTests {
    /// A File holding `text` as `name`; returns its uid.
    static func file(_ client: some TestClientProtocol, _ text: String, name: String) async throws -> String {
        let batch = try await client.execute(uri: Catalog.api + "/upload", method: .post, headers: .admin())
        let batchId = try #require(batch.json.objectValue?["batchId"]?.stringValue)
        _ = try await client.execute(uri: Catalog.api + "/upload/\(batchId)/0", method: .post,
                                     headers: .admin([("X-File-Name", name), ("X-File-Type", "text/plain")]), body: ByteBuffer(string: text))
        return try await Catalog.create(client, "File", "holder-\(UUID().uuidString.prefix(8))",
                                        properties: #"{"file:content":{"upload-batch":"\#(batchId)","upload-fileId":"0"}}"#)
    }

    @Test func postingSendsTheRawBytesAndIgnoresTheStatus() async throws {
        let sink = try FakeHTTPSink(status: 500)
        defer { sink.stop() }
        try await testApplication().test(.router) { client in
            let uid = try await Self.file(client, "posted words", name: "p.txt")
            let response = try await client.execute(
                uri: Catalog.api + "/id/\(uid)/@blob/file:content/@op/Blob.Post", method: .post, headers: .admin([("Content-Type", "application/json")]),
                body: ByteBuffer(string: #"{"params":{"url":"http://127.0.0.1:\#(sink.port)/in"}}"#))
            #expect(response.status == .ok)
            #expect(response.text == "posted words")
            let request = try #require(sink.requests.first)
            #expect(request.head.hasPrefix("POST /in HTTP/1.1"))
            #expect(request.head.lowercased().contains("content-type: application/x-www-form-urlencoded"))
            #expect(String(decoding: request.body, as: UTF8.self) == "posted words")

            let refused = try await Catalog.run(client, "Blob.PostToURL", #"{"input":"\#(uid)","params":{"url":"http://127.0.0.1:1/"}}"#)
            #expect(refused.status == .badRequest)
            var joe = try await Catalog.user(client, "conf-post-joe")
            joe[.contentType] = "application/json"
            let forbidden = try await client.execute(
                uri: Catalog.api + "/id/\(uid)/@blob/file:content/@op/Blob.PostToURL", method: .post, headers: joe,
                body: ByteBuffer(string: #"{"params":{"url":"http://127.0.0.1:\#(sink.port)/in"}}"#))
            #expect(forbidden.status == .notFound)
            #expect(sink.requests.count == 1)
        }
    }

    @Test func exportingWritesNewFilesOutsideTheServer() async throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("nx-export-\(UUID().uuidString)/out").path
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: target).deletingLastPathComponent().path) }
        try await testApplication().test(.router) { client in
            let uid = try await Self.file(client, "exported words", name: "e.txt")
            let pipe = Catalog.api + "/id/\(uid)/@blob/file:content/@op/Blob.ToFile"
            let json: HTTPFields = .admin([("Content-Type", "application/json")])
            let written = try await client.execute(uri: pipe, method: .post, headers: json,
                                                   body: ByteBuffer(string: #"{"params":{"directory":"\#(target)","prefix":"x-"}}"#))
            #expect(written.status == .ok)
            #expect(try String(contentsOfFile: target + "/x-e.txt", encoding: .utf8) == "exported words")
            let again = try await client.execute(uri: pipe, method: .post, headers: json,
                                                 body: ByteBuffer(string: #"{"params":{"directory":"\#(target)","prefix":"x-"}}"#))
            #expect(again.status == .conflict)
            let relative = try await client.execute(uri: pipe, method: .post, headers: json, body: ByteBuffer(string: #"{"params":{"directory":"out"}}"#))
            #expect(relative.status == .badRequest)
            let home = FileManager.default.currentDirectoryPath + "/nx-export-test"
            let inside = try await client.execute(uri: pipe, method: .post, headers: json, body: ByteBuffer(string: #"{"params":{"directory":"\#(home)"}}"#))
            #expect(inside.status == .forbidden)
            #expect(!FileManager.default.fileExists(atPath: home))
            let sneaky = try await client.execute(uri: pipe, method: .post, headers: json,
                                                  body: ByteBuffer(string: #"{"params":{"directory":"\#(target)","prefix":"../"}}"#))
            #expect(sneaky.status == .badRequest)
        }
    }

    @Test func aGrantedPermissionIsMailedToItsUser() async throws {
        let relay = try FakeSMTPServer()
        defer { relay.stop() }
        try await testApplication { $0.mail = MailConfiguration(host: "127.0.0.1", port: relay.port) }.test(.router) { client in
            let user = #"{"entity-type":"user","id":"ann","properties":{"username":"ann","email":"ann@example.com","password":"ann-secret"}}"#
            _ = try await client.execute(uri: Catalog.api + "/user", method: .post, headers: .admin([("Content-Type", "application/json")]),
                                         body: ByteBuffer(string: user))
            let uid = try await Catalog.create(client, "File", "shared", properties: #"{"dc:title":"Shared <plan>"}"#)
            let granted = try await Catalog.run(client, "Document.AddPermission", #"{"input":"\#(uid)","params":{"username":"ann","permission":"Read"}}"#)
            #expect(granted.status == .ok)
            let acl = try await client.execute(uri: Catalog.api + "/id/\(uid)/@acl", method: .get, headers: .admin())
            let aces = acl.json.objectValue?["acl"]?.arrayValue?.first?.objectValue?["ace"]?.arrayValue ?? []
            let aceId = try #require(aces.compactMap { $0.objectValue?["id"]?.stringValue }.first { $0.hasPrefix("ann:") })

            let sent = try await Catalog.run(client, "Document.SendNotificationEmailForPermission", #"{"input":"\#(uid)","params":{"id":"\#(aceId)"}}"#)
            #expect(sent.status == .ok)
            let mail = try #require(relay.mails.first)
            #expect(mail.recipients == ["<ann@example.com>"])
            #expect(mail.data.contains("Subject: [Nuxeo] New permission on Shared <plan>"))

            let absent = try await Catalog.run(client, "Document.SendNotificationEmailForPermission", #"{"input":"\#(uid)","params":{"id":"bob:Read:true:::"}}"#)
            #expect(absent.status == .ok && relay.mails.count == 1)
            let malformed = try await Catalog.run(client, "Document.SendNotificationEmailForPermission", #"{"input":"\#(uid)","params":{"id":"ann"}}"#)
            #expect(malformed.status == .badRequest)
        }
    }
}

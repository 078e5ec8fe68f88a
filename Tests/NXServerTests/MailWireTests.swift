import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
@testable import NXServer
import Testing

/// `Document.Mail` on the wire against a fake SMTP relay: envelope, headers, the rendered message, attachments,
/// recipient resolution, and the errors without a relay or with a refusing one.
@Suite struct MailWireTests {
    static let json: [(String, String)] = [("Content-Type", "application/json")]

    static func createNote(_ client: some TestClientProtocol) async throws -> String {
        let body = #"{"entity-type":"document","type":"File","name":"mailed","properties":{"dc:title":"Quarterly report"}}"#
        let created = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain", method: .post, headers: .admin(json),
                                               body: ByteBuffer(string: body))
        return try #require(created.json.objectValue?["uid"]?.stringValue)
    }

    @Test func aMailGoesThroughTheRelayWithTheRenderedMessage() async throws {
        let relay = try FakeSMTPServer()
        defer { relay.stop() }
        try await testApplication { $0.mail = MailConfiguration(host: "127.0.0.1", port: relay.port) }.test(.router) { client in
            let uid = try await Self.createNote(client)
            let user = #"{"entity-type":"user","id":"bob","properties":{"username":"bob","firstName":"Bob","lastName":"Lee","email":"bob@example.com","password":"bob-secret"}}"#
            #expect(try await client.execute(uri: "/nuxeo/api/v1/user", method: .post, headers: .admin(Self.json),
                                             body: ByteBuffer(string: user)).status == .created)
            let body = #"""
            {"input":"\#(uid)","params":{"from":"nx@example.com","to":"alice@example.com,user:bob","cc":"carol@example.com",
             "subject":"Report: ${Document.title}","message":"See ${Document['dc:title']} at ${docUrl}.\n.hidden line"}}
            """#
            let response = try await client.execute(uri: "/nuxeo/api/v1/automation/Document.Mail", method: .post, headers: .admin(Self.json),
                                                    body: ByteBuffer(string: body))
            #expect(response.status == .ok)
            #expect(response.json.objectValue?["uid"]?.stringValue == uid)
            let mail = try #require(relay.mails.first)
            #expect(mail.from == "<nx@example.com>")
            #expect(mail.recipients == ["<alice@example.com>", "<bob@example.com>", "<carol@example.com>"])
            #expect(mail.data.contains("To: alice@example.com, Bob Lee <bob@example.com>"))
            #expect(mail.data.contains("Subject: Report: ${Document.title}"))
            let encoded = mail.data.components(separatedBy: "\n\n").dropFirst().joined().replacingOccurrences(of: "\n", with: "")
            let text = String(decoding: Data(base64Encoded: encoded) ?? Data(), as: UTF8.self)
            #expect(text.hasPrefix("See Quarterly report at http"))
            #expect(text.contains("/nxpath/default/default-domain/mailed@view_documents."))
            #expect(text.hasSuffix("\n.hidden line"))
        }
    }

    @Test func withoutARelayTheCallFailsClearlyUnlessRollbackIsOff() async throws {
        try await testApplication().test(.router) { client in
            let uid = try await Self.createNote(client)
            let body = #"{"input":"\#(uid)","params":{"from":"a@b.c","to":"d@e.f","subject":"s","message":"m"}}"#
            let failed = try await client.execute(uri: "/nuxeo/api/v1/automation/Notification.SendMail", method: .post,
                                                  headers: .admin(Self.json), body: ByteBuffer(string: body))
            #expect(failed.status == .serviceUnavailable)
            #expect(failed.json.objectValue?["message"]?.stringValue?.contains("no SMTP relay is configured") == true)
            let lenient = #"{"input":"\#(uid)","params":{"from":"a@b.c","to":"d@e.f","subject":"s","message":"m","rollbackOnError":false}}"#
            let passed = try await client.execute(uri: "/nuxeo/api/v1/automation/Document.Mail", method: .post, headers: .admin(Self.json),
                                                  body: ByteBuffer(string: lenient))
            #expect(passed.status == .ok)
        }
    }

    @Test func refusedRecipientsAndBadInputAreReported() async throws {
        let relay = try FakeSMTPServer(refuseRecipients: true)
        defer { relay.stop() }
        try await testApplication { $0.mail = MailConfiguration(host: "127.0.0.1", port: relay.port) }.test(.router) { client in
            let uid = try await Self.createNote(client)
            let refused = try await client.execute(uri: "/nuxeo/api/v1/automation/Document.Mail", method: .post, headers: .admin(Self.json),
                                                   body: ByteBuffer(string: #"{"input":"\#(uid)","params":{"from":"a@b.c","to":"x@y.z","subject":"s","message":"m"}}"#))
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.json.objectValue?["message"]?.stringValue?.contains("550 No such user here") == true)
            let injected = try await client.execute(uri: "/nuxeo/api/v1/automation/Document.Mail", method: .post, headers: .admin(Self.json),
                                                    body: ByteBuffer(string: #"{"input":"\#(uid)","params":{"from":"a@b.c","to":"x@y.z>\r\nDATA","subject":"s","message":"m"}}"#))
            #expect(injected.status == .badRequest)
            let strict = try await client.execute(uri: "/nuxeo/api/v1/automation/Document.Mail", method: .post, headers: .admin(Self.json),
                                                  body: ByteBuffer(string: #"{"input":"\#(uid)","params":{"from":"a@b.c","to":"nobody","subject":"s","message":"m","Strict User Resolution":true}}"#))
            #expect(strict.status == .badRequest)
            let template = try await client.execute(uri: "/nuxeo/api/v1/automation/Document.Mail", method: .post, headers: .admin(Self.json),
                                                    body: ByteBuffer(string: #"{"input":"\#(uid)","params":{"from":"a@b.c","to":"x@y.z","subject":"s","message":"${Document["}}"#))
            #expect(template.status == .badRequest)
        }
    }
}

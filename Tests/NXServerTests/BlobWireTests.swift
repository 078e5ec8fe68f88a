import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Testing

/// Batch upload, blob properties, `@blob`, `nxfile` and automation with files, on the wire (server-behaviour-2.md §1–§2).
@Suite struct BlobWireTests {
    static let api = "/nuxeo/api/v1"

    /// Opens a batch and uploads `text` as file 0.
    static func upload(_ client: some TestClientProtocol, _ text: String, name: String = "hello.txt", type: String? = "text/plain") async throws
        -> String
    {
        let batch = try #require(try await client.execute(uri: api + "/upload", method: .post, headers: .admin()).json.objectValue?["batchId"]?.stringValue)
        var headers: [(String, String)] = [("X-File-Name", name)]
        if let type { headers.append(("X-File-Type", type)) }
        let response = try await client.execute(uri: api + "/upload/\(batch)/0", method: .post, headers: .admin(headers),
                                                body: ByteBuffer(string: text))
        #expect(response.status == .created)
        return batch
    }

    /// A File document in the workspaces holding the batch's file 0; returns its uid.
    static func attach(_ client: some TestClientProtocol, _ batch: String, name: String = "doc", extra: [(String, String)] = []) async throws -> String {
        let body = #"{"entity-type":"document","type":"File","name":"\#(name)","properties":{"file:content":{"upload-batch":"\#(batch)","upload-fileId":"0"}}}"#
        let response = try await client.execute(uri: api + "/path/default-domain/workspaces", method: .post,
                                                headers: .admin([("Content-Type", "application/json")] + extra), body: ByteBuffer(string: body))
        #expect(response.status == .created, "\(response.text)")
        return try #require(response.json.objectValue?["uid"]?.stringValue)
    }

    @Test func normalUploadAnswersAsNuxeo() async throws {
        try await testApplication().test(.router) { client in
            let created = try await client.execute(uri: Self.api + "/upload", method: .post, headers: .admin())
            #expect(created.status == .created)
            let batch = try #require(created.json.objectValue?["batchId"]?.stringValue)
            #expect(batch.hasPrefix("batchId-"))
            let upload = try await client.execute(uri: Self.api + "/upload/\(batch)/0", method: .post,
                                                  headers: .admin([("X-File-Name", "caf%C3%A9+menu.txt"), ("X-File-Type", "text/plain"),
                                                                   ("Content-Length", "11")]),
                                                  body: ByteBuffer(string: "hello world"))
            #expect(upload.status == .created)
            #expect(upload.text == #"{"uploaded":"true","fileIdx":"0","uploadType":"normal","uploadedSize":"11","batchId":"\#(batch)"}"#)
            let files = try await client.execute(uri: Self.api + "/upload/\(batch)", method: .get, headers: .admin())
            #expect(files.text == #"[{"size":11,"name":"café menu.txt","uploadType":"normal"}]"#)
            let info = try await client.execute(uri: Self.api + "/upload/\(batch)/info", method: .get, headers: .admin())
            #expect(topLevelKeys(info.text) == ["provider", "fileEntries", "batchId"])
            let one = try await client.execute(uri: Self.api + "/upload/\(batch)/0", method: .get, headers: .admin())
            #expect(one.status == .ok && one.json.objectValue?["size"] == 11)
            let handlers = try await client.execute(uri: Self.api + "/upload/handlers", method: .get, headers: .admin())
            #expect(handlers.text == #"{"handlers":[{"name":"default"}]}"#)
            let new = try await client.execute(uri: Self.api + "/upload/new/default", method: .post, headers: .admin())
            #expect(new.status == .ok && topLevelKeys(new.text) == ["provider", "fileEntries", "batchId"])
        }
    }

    @Test func chunkedUploadIs202UntilComplete() async throws {
        try await testApplication().test(.router) { client in
            let batch = try #require(try await client.execute(uri: Self.api + "/upload", method: .post, headers: .admin())
                .json.objectValue?["batchId"]?.stringValue)
            func chunk(_ index: Int, _ text: String) async throws -> TestResponse {
                try await client.execute(uri: Self.api + "/upload/\(batch)/0", method: .post, headers: .admin([
                    ("X-Upload-Type", "chunked"), ("X-Upload-Chunk-Index", "\(index)"), ("X-Upload-Chunk-Count", "3"), ("X-File-Size", "9"),
                    ("X-File-Name", "c.txt"), ("X-File-Type", "text/plain"),
                ]), body: ByteBuffer(string: text))
            }
            let second = try await chunk(2, "ghi")
            #expect(second.status == .accepted)
            #expect(topLevelKeys(second.text) == ["chunkCount", "uploaded", "fileIdx", "uploadType", "uploadedSize", "uploadedChunkIds", "batchId"])
            #expect(second.json.objectValue?["uploadedChunkIds"] == [2])
            #expect(try await chunk(0, "abc").status == .accepted)
            let again = try await chunk(0, "abc")
            #expect(again.status == .conflict && again.json.objectValue?["message"]?.stringValue?.contains("already exists") == true)
            #expect(try await client.execute(uri: Self.api + "/upload/\(batch)/0", method: .get, headers: .admin()).status == .accepted)
            let last = try await chunk(1, "def")
            #expect(last.status == .created && last.json.objectValue?["uploadedChunkIds"] == [0, 1, 2])
            let uid = try await Self.attach(client, batch)
            let download = try await client.execute(uri: Self.api + "/id/\(uid)/@blob/file:content", method: .get, headers: .admin())
            #expect(download.text == "abcdefghi")
        }
    }

    @Test func badUploadsAreExceptions() async throws {
        try await testApplication().test(.router) { client in
            #expect(try await client.execute(uri: Self.api + "/upload/batchId-nope/0", method: .post, headers: .admin(), body: ByteBuffer(string: "x"))
                .status == .notFound)
            let batch = try #require(try await client.execute(uri: Self.api + "/upload", method: .post, headers: .admin())
                .json.objectValue?["batchId"]?.stringValue)
            let index = try await client.execute(uri: Self.api + "/upload/\(batch)/x", method: .post, headers: .admin(), body: ByteBuffer(string: "x"))
            #expect(index.status == .badRequest && index.json.objectValue?["message"] == "fileIdx request path parameter must be a number")
            let headers = try await client.execute(uri: Self.api + "/upload/\(batch)/0", method: .post,
                                                   headers: .admin([("X-Upload-Type", "chunked"), ("X-Upload-Chunk-Index", "a")]),
                                                   body: ByteBuffer(string: "x"))
            #expect(headers.status == .badRequest)
            let form = try await client.execute(uri: Self.api + "/upload/\(batch)/0", method: .post,
                                                headers: .admin([("Content-Type", "multipart/form-data; boundary=x")]), body: ByteBuffer(string: "x"))
            #expect(form.status == .badRequest)
            let range = try await client.execute(uri: Self.api + "/upload/\(batch)/0", method: .post, headers: .admin([
                ("X-Upload-Type", "chunked"), ("X-Upload-Chunk-Index", "5"), ("X-Upload-Chunk-Count", "2"), ("X-File-Size", "2"),
            ]), body: ByteBuffer(string: "x"))
            #expect(range.status == .badRequest)
            #expect(try await client.execute(uri: Self.api + "/upload/\(batch)", method: .get, headers: .admin()).status == .noContent)
            #expect(try await client.execute(uri: Self.api + "/upload/\(batch)/3", method: .get, headers: .admin()).status == .notFound)
            #expect(try await client.execute(uri: Self.api + "/upload/\(batch)/3", method: .delete, headers: .admin()).status == .notFound)
            #expect(try await client.execute(uri: Self.api + "/upload/\(batch)", method: .delete, headers: .admin()).status == .noContent)
            #expect(try await client.execute(uri: Self.api + "/upload/\(batch)", method: .delete, headers: .admin()).status == .notFound)
            #expect(try await client.execute(uri: Self.api + "/upload/handlers/s3", method: .get, headers: .admin()).status == .notFound)
            #expect(try await client.execute(uri: Self.api + "/upload/new/s3", method: .post, headers: .admin()).status == .badRequest)
        }
    }

    @Test func anUploadOverTheLimitIs413AndKeepsNothing() async throws {
        try await testApplication { $0.maxUploadSize = 4 }.test(.router) { client in
            let batch = try #require(try await client.execute(uri: Self.api + "/upload", method: .post, headers: .admin())
                .json.objectValue?["batchId"]?.stringValue)
            let big = try await client.execute(uri: Self.api + "/upload/\(batch)/0", method: .post, headers: .admin(),
                                               body: ByteBuffer(string: "hello world"))
            #expect(big.status == .contentTooLarge)
            #expect(big.json.objectValue?["entity-type"] == "exception")
            let announced = try await client.execute(uri: Self.api + "/upload/\(batch)/1", method: .post, headers: .admin([
                ("X-Upload-Type", "chunked"), ("X-Upload-Chunk-Index", "0"), ("X-Upload-Chunk-Count", "2"), ("X-File-Size", "5"),
            ]), body: ByteBuffer(string: "ab"))
            #expect(announced.status == .contentTooLarge, "a chunked file announced over the limit")
            #expect(try await client.execute(uri: Self.api + "/upload/\(batch)", method: .get, headers: .admin()).status == .noContent)
        }
    }

    @Test func theBlobJSONAndTheBatchIsDroppedAfterUse() async throws {
        try await testApplication().test(.router) { client in
            let batch = try await Self.upload(client, "hello")
            let uid = try await Self.attach(client, batch)
            #expect(try await client.execute(uri: Self.api + "/upload/\(batch)", method: .get, headers: .admin()).status == .notFound)
            let document = try await client.execute(uri: Self.api + "/id/\(uid)", method: .get, headers: .admin([("properties", "file")]))
            let content = try #require(document.json.objectValue?["properties"]?.objectValue?["file:content"])
            #expect(content.objectValue.map { Array($0.keys) } == ["name", "mime-type", "encoding", "digestAlgorithm", "digest", "length", "data", "blobUrl", "appLinks"])
            #expect(content.objectValue?["length"] == "5" && content.objectValue?["digest"] == "5d41402abc4b2a76b9719d911017c592")
            let data = try #require(content.objectValue?["data"]?.stringValue)
            #expect(data.contains("/nuxeo/nxfile/default/\(uid)/file:content/hello.txt?changeToken="))
            let keep = try await Self.upload(client, "again")
            _ = try await Self.attach(client, keep, name: "kept", extra: [("X-Batch-No-Drop", "true")])
            #expect(try await client.execute(uri: Self.api + "/upload/\(keep)", method: .get, headers: .admin()).status == .ok)
            let gone = #"{"entity-type":"document","type":"File","name":"g","properties":{"file:content":{"upload-batch":"\#(batch)","upload-fileId":"0"}}}"#
            let refused = try await client.execute(uri: Self.api + "/path/default-domain/workspaces", method: .post,
                                                   headers: .admin([("Content-Type", "application/json")]), body: ByteBuffer(string: gone))
            #expect(refused.status == .badRequest)
        }
    }

    @Test func downloadsHonourRangeETagAndHead() async throws {
        try await testApplication().test(.router) { client in
            let uid = try await Self.attach(client, try await Self.upload(client, "0123456789", name: "Fichier accentué.txt"))
            let url = Self.api + "/id/\(uid)/@blob/file:content"
            let full = try await client.execute(uri: url, method: .get, headers: .admin())
            #expect(full.status == .ok && full.text == "0123456789")
            #expect(full.headers[.contentDisposition] == "attachment; filename*=UTF-8''Fichier%20accentu%C3%A9.txt")
            #expect(full.headers[.contentType] == "text/plain" && full.headers[.contentLength] == "10" && full.headers[.acceptRanges] == "bytes")
            let etag = try #require(full.headers[.eTag])
            #expect(etag == "\"781e5e245d69b566979b86e28d23f2c7\"")
            let part = try await client.execute(uri: url, method: .get, headers: .admin([("Range", "bytes=2-4")]))
            #expect(part.status == .partialContent && part.text == "234" && part.headers[.contentRange] == "bytes 2-4/10")
            let tail = try await client.execute(uri: url, method: .get, headers: .admin([("Range", "bytes=-3")]))
            #expect(tail.text == "789")
            let bogus = try await client.execute(uri: url, method: .get, headers: .admin([("Range", "bytes=5-2")]))
            #expect(bogus.status == .ok && bogus.text == "0123456789")
            let cached = try await client.execute(uri: url, method: .get, headers: .admin([("If-None-Match", etag)]))
            #expect(cached.status == .notModified && cached.body.readableBytes == 0)
            let head = try await client.execute(uri: url, method: .head, headers: .admin())
            #expect(head.status == .ok && head.body.readableBytes == 0 && head.headers[.contentLength] == "10")
            let blobholder = try await client.execute(uri: Self.api + "/id/\(uid)/@blob/blobholder:0", method: .get, headers: .admin())
            #expect(blobholder.text == "0123456789")
            let bad = try await client.execute(uri: Self.api + "/id/\(uid)/@blob/dc:title", method: .get, headers: .admin())
            #expect(bad.status == .notFound)
            let file = try await client.execute(uri: "/nuxeo/nxfile/default/\(uid)/file:content/other.txt?changeToken=1-0", method: .get,
                                                headers: .admin([("Range", "bytes=0-0")]))
            #expect(file.status == .partialContent && file.text == "0")
            #expect(file.headers[.contentDisposition] == "attachment; filename=other.txt")
            #expect(file.headers[.cacheControl] == "private, max-age=31536000")
            #expect(try await client.execute(uri: "/nuxeo/nxfile/default/\(uid)/file:content", method: .get, headers: [:]).status == .unauthorized)
        }
    }

    @Test func htmlIsNeverServedInline() async throws {
        try await testApplication().test(.router) { client in
            let uid = try await Self.attach(client, try await Self.upload(client, "<script>alert(1)</script>", name: "x.html", type: "text/html"))
            let page = try await client.execute(uri: Self.api + "/id/\(uid)/@blob/file:content?inline=true", method: .get, headers: .admin())
            #expect(page.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(page.headers[.contentSecurityPolicy] == "sandbox")
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    @Test func putTakesAMultipartFileAndDeleteRemoves() async throws {
        try await testApplication().test(.router) { client in
            let uid = try await Self.attach(client, try await Self.upload(client, "old"))
            let body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"new.txt\"\r\nContent-Type: text/plain\r\n\r\nnew content\r\n--XyZ--\r\n"
            let put = try await client.execute(uri: Self.api + "/id/\(uid)/@blob/file:content", method: .put,
                                               headers: .admin([("Content-Type", "multipart/form-data; boundary=XyZ")]), body: ByteBuffer(string: body))
            #expect(put.status == .ok && put.text == "blob updated")
            #expect(try await client.execute(uri: Self.api + "/id/\(uid)/@blob/file:content", method: .get, headers: .admin()).text == "new content")
            let raw = try await client.execute(uri: Self.api + "/id/\(uid)/@blob/file:content", method: .put, headers: .admin(),
                                               body: ByteBuffer(string: "x"))
            #expect(raw.status == .badRequest)
            #expect(try await client.execute(uri: Self.api + "/id/\(uid)/@blob/file:content", method: .delete, headers: .admin()).status == .noContent)
            #expect(try await client.execute(uri: Self.api + "/id/\(uid)/@blob/file:content", method: .get, headers: .admin()).status == .notFound)
        }
    }

    @Test func automationTakesAndReturnsFiles() async throws {
        try await testApplication().test(.router) { client in
            let uid = try await Self.attach(client, try await Self.upload(client, "main file"))
            let get = try await client.execute(uri: Self.api + "/automation/Blob.Get", method: .post, headers: .admin([("Content-Type", "application/json")]),
                                               body: ByteBuffer(string: #"{"input":"doc:\#(uid)"}"#))
            #expect(get.status == .ok && get.text == "main file" && get.headers[.contentType] == "text/plain")
            let body = "--B\r\nContent-Type: application/json+nxrequest\r\n\r\n{\"params\":{\"document\":\"\(uid)\",\"xpath\":\"files:files\"}}\r\n"
                + "--B\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"a.txt\"\r\n\r\nAAA\r\n"
                + "--B\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"b.txt\"\r\n\r\nBB\r\n--B--\r\n"
            let attach = try await client.execute(uri: Self.api + "/automation/Blob.AttachOnDocument", method: .post,
                                                  headers: .admin([("Content-Type", "multipart/related; boundary=B; type=\"application/json+nxrequest\"")]),
                                                  body: ByteBuffer(string: body))
            #expect(attach.status == .ok && attach.headers[.contentType]?.hasPrefix("multipart/mixed; boundary=") == true)
            #expect(attach.text.contains("AAA") && attach.text.contains("filename=b.txt"))
            let list = try await client.execute(uri: Self.api + "/id/\(uid)/@op/Document.GetBlobs", method: .post, headers: .admin(),
                                                body: ByteBuffer(string: "{}"))
            #expect(list.text.contains("main file") && list.text.contains("AAA") && list.text.contains("BB"))
            let piped = try await client.execute(uri: Self.api + "/id/\(uid)/@blob/files:files/1/file/@op/Blob.AttachOnDocument", method: .post,
                                                 headers: .admin(), body: ByteBuffer(string: #"{"params":{"document":"\#(uid)"}}"#))
            #expect(piped.status == .ok && piped.text == "BB", "\(piped.text)")
            #expect(try await client.execute(uri: Self.api + "/id/\(uid)/@blob/file:content", method: .get, headers: .admin()).text == "BB")
            let void = try await client.execute(uri: Self.api + "/automation/Blob.Get", method: .post,
                                                headers: .admin([("X-NXVoidOperation", "true")]), body: ByteBuffer(string: #"{"input":"doc:\#(uid)"}"#))
            #expect(void.status == .noContent)
        }
    }

    @Test func batchExecutionImportsFilesAndDropsTheBatch() async throws {
        try await testApplication().test(.router) { client in
            let batch = try await Self.upload(client, "# Title\nsome words", name: "readme.md", type: nil)
            let run = try await client.execute(uri: Self.api + "/upload/\(batch)/0/execute/FileManager.Import", method: .post,
                                               headers: .admin([("Content-Type", "application/json")]),
                                               body: ByteBuffer(string: #"{"context":{"currentDocument":"/default-domain/workspaces"}}"#))
            #expect(run.status == .ok, "\(run.text)")
            #expect(run.json.objectValue?["type"] == "Note" && run.json.objectValue?["title"] == "readme.md")
            #expect(try await client.execute(uri: Self.api + "/upload/\(batch)", method: .get, headers: .admin()).status == .notFound)
            let pdf = try await Self.upload(client, "%PDF-1.4 not really", name: "r.pdf", type: "application/pdf")
            let file = try await client.execute(uri: Self.api + "/upload/\(pdf)/execute/FileManager.Import", method: .post,
                                                headers: .admin([("Content-Type", "application/json"), ("X-Batch-No-Drop", "true")]),
                                                body: ByteBuffer(string: #"{"context":{"currentDocument":"/default-domain/workspaces"}}"#))
            #expect(file.status == .ok && file.json.objectValue?["entries"]?.arrayValue?.first?.objectValue?["type"] == "File", "\(file.text)")
            #expect(try await client.execute(uri: Self.api + "/upload/\(pdf)", method: .get, headers: .admin()).status == .ok)
        }
    }
}

/// `Idempotency-Key` on POST (server-behaviour-2.md §2.5).
@Suite struct IdempotencyWireTests {
    @Test func aRepeatedKeyReplaysTheFirstResponseWithoutRunningAgain() async throws {
        try await testApplication().test(.router) { client in
            let headers = HTTPFields.admin([("Idempotency-Key", "key-1"), ("Content-Type", "application/json")])
            let body = #"{"entity-type":"document","type":"Folder","name":"once"}"#
            let first = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/workspaces", method: .post, headers: headers,
                                                 body: ByteBuffer(string: body))
            #expect(first.status == .created && first.headers[HTTPField.Name("Idempotency-Key")!] == "key-1")
            let other = #"{"entity-type":"document","type":"Folder","name":"twice"}"#
            let second = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/workspaces", method: .post, headers: headers,
                                                  body: ByteBuffer(string: other))
            #expect(second.status == .created && second.text == first.text)
            #expect(second.headers[.contentType] == first.headers[.contentType])
            let twice = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/workspaces/twice", method: .get, headers: .admin())
            #expect(twice.status == .notFound, "the second request did not run")
        }
    }

    @Test func aFailedRequestIsNotRemembered() async throws {
        try await testApplication().test(.router) { client in
            let headers = HTTPFields.admin([("Idempotency-Key", "key-2"), ("Content-Type", "application/json")])
            let bad = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/workspaces", method: .post, headers: headers,
                                               body: ByteBuffer(string: #"{"entity-type":"document","type":"Nope","name":"x"}"#))
            #expect(bad.status == .badRequest)
            let good = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/workspaces", method: .post, headers: headers,
                                                body: ByteBuffer(string: #"{"entity-type":"document","type":"Folder","name":"retried"}"#))
            #expect(good.status == .created)
        }
    }
}

/// Administrators-only operations over REST (server-behaviour-2.md §5.4).
@Suite struct OperationBindingWireTests {
    @Test func blobCreateFromURLIsForAdministrators() async throws {
        try await testApplication().test(.router) { client in
            let user = #"{"entity-type":"user","id":"joe","properties":{"username":"joe","password":"joe-secret"}}"#
            #expect(try await client.execute(uri: "/nuxeo/api/v1/user", method: .post, headers: .admin([("Content-Type", "application/json")]),
                                             body: ByteBuffer(string: user)).status == .created)
            let joe: HTTPFields = [.authorization: "Basic " + Data("joe:joe-secret".utf8).base64EncodedString()]
            let body = ByteBuffer(string: #"{"params":{"file":"ftp://example.com/x"}}"#)
            let refused = try await client.execute(uri: "/nuxeo/api/v1/automation/Blob.Create", method: .post, headers: joe, body: body)
            #expect(refused.status == .notFound && refused.body.readableBytes == 0)
            let batch = try await BlobWireTests.upload(client, "x")
            let forbidden = try await client.execute(uri: "/nuxeo/api/v1/upload/\(batch)/execute/Blob.CreateFromURL", method: .post, headers: joe,
                                                     body: body)
            #expect(forbidden.status == .forbidden)
            let admin = try await client.execute(uri: "/nuxeo/api/v1/automation/Blob.CreateFromURL", method: .post, headers: .admin(), body: body)
            #expect(admin.status == .noContent, "not an http(s) URL: no file")
        }
    }
}

/// A Note's blob holder is its text (`DocumentStringBlobHolder`).
@Suite struct NoteBlobWireTests {
    @Test func aNoteTextIsItsBlob() async throws {
        try await testApplication().test(.router) { client in
            let body = #"{"entity-type":"document","type":"Note","name":"memo","properties":{"dc:title":"Memo","note:note":"<p>hi</p>","note:mime_type":"text/html"}}"#
            let created = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/workspaces", method: .post,
                                                   headers: .admin([("Content-Type", "application/json")]), body: ByteBuffer(string: body))
            let uid = try #require(created.json.objectValue?["uid"]?.stringValue)
            let download = try await client.execute(uri: "/nuxeo/api/v1/id/\(uid)/@blob/blobholder:0", method: .get, headers: .admin())
            #expect(download.text == "<p>hi</p>" && download.headers[.contentDisposition] == "attachment; filename=Memo.html")
            let get = try await client.execute(uri: "/nuxeo/api/v1/id/\(uid)/@op/Document.GetBlob", method: .post, headers: .admin(),
                                               body: ByteBuffer(string: "{}"))
            #expect(get.text == "<p>hi</p>")
        }
    }
}

/// Malformed multipart bodies are 4xx exceptions, never a crash (a header name byte ≥ 0x80 trapped multipart-kit).
@Suite struct MultipartHardeningWireTests {
    @Test func badMultipartBodiesAre400() async throws {
        try await testApplication().test(.router) { client in
            var body = ByteBuffer(string: "--B\r\n")
            body.writeBytes([0xC3, 0xA9])
            body.writeString(": x\r\n\r\nabc\r\n--B--\r\n")
            let odd = try await client.execute(uri: "/nuxeo/api/v1/automation/Blob.Get", method: .post,
                                               headers: .admin([("Content-Type", "multipart/related; boundary=B")]), body: body)
            #expect(odd.status == .badRequest)
            let truncated = try await client.execute(uri: "/nuxeo/api/v1/automation/Blob.Get", method: .post,
                                                     headers: .admin([("Content-Type", "multipart/related; boundary=B")]),
                                                     body: ByteBuffer(string: "--B\r\n\r\n{}\r\n--B\r\n\r\nabc"))
            #expect(truncated.status == .badRequest)
            let fields = String(repeating: "--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n", count: 150) + "--B--\r\n"
            let many = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/@blob/file:content", method: .put,
                                                headers: .admin([("Content-Type", "multipart/form-data; boundary=B")]), body: ByteBuffer(string: fields))
            #expect(many.status == .badRequest || many.status == .notFound)
        }
    }
}

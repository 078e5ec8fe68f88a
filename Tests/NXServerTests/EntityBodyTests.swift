import Logging
import NXAPIRuntime
import NXModel
import NXRuntime
import Testing

/// Entity request bodies: parsed once, decoded from the parsed value (keys in document order), with the 400s of
/// an empty body, malformed JSON, a NUL, a wrong `entity-type` and a wrongly typed field.
@Suite struct EntityBodyTests {
    func request(_ body: String) -> APIRequest {
        APIRequest(bindings: RouteBindings(), repository: "default", query: [], headers: [:], body: Array(body.utf8),
                   call: NXCallContext(principal: NXPrincipal(name: "Administrator", isAdministrator: true), baseURL: "http://localhost/nuxeo/",
                                       logger: Logger(label: "test")))
    }

    func message(_ body: String) -> String? { message(bytes: Array(body.utf8)) }

    func message(bytes: [UInt8]) -> String? {
        do {
            var request = request("")
            request.body = bytes
            _ = try request.body(DocumentEntity.self)
            return nil
        } catch let error as NXError {
            return error.code == .invalidArgument ? error.message : "wrong code \(error.code.rawValue)"
        } catch {
            return "not an NXError: \(error)"
        }
    }

    @Test func propertiesKeepDocumentOrder() throws {
        let document = try request(#"{"entity-type":"document","type":"File","properties":{"dc:title":"T","a:z":1,"a:b":{"y":1,"c":2}}}"#)
            .body(DocumentEntity.self)
        #expect(document.type == "File")
        #expect(document.properties?.keys == ["dc:title", "a:z", "a:b"])
        #expect(document.properties?["a:b"]?.objectValue?.keys == ["y", "c"])
    }

    @Test func badBodiesAre400s() {
        #expect(message("")?.hasPrefix("Request body is empty") == true)
        #expect(message("{oops")?.hasPrefix("Unable to parse the request body as JSON") == true)
        #expect(message(#"{"entity-type":"document","name":"a\u0000b"}"#) == "Invalid request body: the NUL character (U+0000) is not allowed")
        #expect(message(#"{"entity-type":"user"}"#) == "Json object entity-type is wrong. Expected document but was user")
        #expect(message("[1]") == "Json object entity-type is wrong. Expected document but the body is a JSON array")
        #expect(message(#"{"entity-type":"document","name":5}"#) == "Unable to read the document entity: field 'name' must be String")
        let invalidUTF8 = Array(#"{"entity-type":"document","name":""#.utf8) + [0xC7, 0x32] + Array(#""}"#.utf8)
        #expect(message(bytes: invalidUTF8)?.hasPrefix("Unable to parse the request body as JSON") == true)
    }
}

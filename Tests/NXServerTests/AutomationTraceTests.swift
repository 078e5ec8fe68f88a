import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Testing

/// Automation traces: with recording on, the last run of an operation is kept with its calls; the last failed run is
/// kept either way; only administrators read traces and switch recording or the JSON stack display.
@Suite struct AutomationTraceTests {
    static func value(_ response: TestResponse) -> JSONValue? { response.json.objectValue?["value"] }

    @Test func passwordsNeverReachATrace() async throws {
        try await testApplication().test(.router) { client in
            #expect(Self.value(try await Catalog.run(client, "Traces.ToggleRecording", #"{"params":{"enableTrace":true}}"#)) == .bool(true))
            let body = #"{"params":{"username":"conf-trace-pw","password":"s3cret-pw","properties":{"user:password":"s3cret-too"},"mode":"update"}}"#
            #expect(try await Catalog.run(client, "User.CreateOrUpdate", body).status == .notFound)
            let trace = try #require(Self.value(try await Catalog.run(client, "Traces.Get"))?.stringValue)
            #expect(trace.contains("Operation: User.CreateOrUpdate") && trace.contains("***"))
            #expect(!trace.contains("s3cret"))
        }
    }

    @Test func recordedRunsAndTheLastErrorAreReadBack() async throws {
        try await testApplication().test(.router) { client in
            let failed = try await Catalog.run(client, "Document.GetParent", #"{"input":"/conf-nowhere"}"#)
            #expect(failed.status == .notFound)
            let lastError = try await Catalog.run(client, "Traces.Get")
            let errorTrace = try #require(Self.value(lastError)?.stringValue)
            #expect(errorTrace.contains("****** Document.GetParent ******") && errorTrace.contains("Caught error: "))

            _ = try await Catalog.run(client, "Document.GetParent", #"{"input":"/default-domain/workspaces"}"#)
            #expect(Self.value(try await Catalog.run(client, "Traces.Get", #"{"params":{"traceKey":"Document.GetParent"}}"#)) == "no trace found")

            #expect(Self.value(try await Catalog.run(client, "Traces.ToggleRecording")) == .bool(true))
            _ = try await Catalog.run(client, "Document.GetParent", #"{"input":"/default-domain/workspaces"}"#)
            let trace = try #require(Self.value(try await Catalog.run(client, "Traces.Get", #"{"params":{"traceKey":"Document.GetParent"}}"#))?.stringValue)
            #expect(trace.contains("Operation: Document.GetParent") && trace.contains("Input: document") && trace.contains("Output: document"))
            #expect(!trace.contains("Caught error"))

            let joe = try await Catalog.user(client, "conf-trace-joe")
            #expect(try await Catalog.run(client, "Traces.Get", headers: joe).status == .noContent)
            #expect(Self.value(try await Catalog.run(client, "Traces.ToggleRecording", #"{"params":{"enableTrace":false}}"#, headers: joe)) == .bool(true))
            #expect(Self.value(try await Catalog.run(client, "JsonStack.ToggleDisplay", #"{"params":{"enableTrace":true}}"#, headers: joe)) == .bool(false))
            let missing = try await client.execute(uri: Catalog.api + "/path/conf-nowhere", method: .get, headers: .admin())
            #expect(missing.json.objectValue?["stacktrace"] == nil)
            #expect(Self.value(try await Catalog.run(client, "Traces.ToggleRecording")) == .bool(false))
            #expect(Self.value(try await Catalog.run(client, "Traces.Get", #"{"params":{"traceKey":"Document.GetParent"}}"#)) == "no trace found")
        }
    }
}

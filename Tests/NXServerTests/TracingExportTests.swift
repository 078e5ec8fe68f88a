import Foundation
import Testing

/// `nxserver --otel`: the real process exports a span per request over OTLP/HTTP to the collector named by the standard
/// `OTEL_*` variables, named after the endpoint id the request matched, carrying the client's W3C trace id.
@Suite struct TracingExportTests {
    /// The `nxserver` binary built beside the tests.
    static func serverBinary() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("nxserver").path,
            FileManager.default.currentDirectoryPath + "/.build/debug/nxserver",
        ]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "nxserver is built by `swift build`")
    }

    @Test func requestsAreExportedAsSpans() async throws {
        let collector = try FakeHTTPSink(status: 200)
        defer { collector.stop() }
        let probe = LoopbackListener { _ in }
        let port = probe.port
        probe.stop()
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("nx-otel-\(UUID().uuidString)").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.serverBinary())
        process.arguments = ["--data", data, "--port", String(port), "--log-level", "error", "--otel"]
        var environment = ProcessInfo.processInfo.environment
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:\(collector.port)"
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/json"
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "100"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }

        let traceId = "4bf92f3577b34da6a3ce929d0e0e4736"
        func get() async throws -> RawHTTPResponse? {
            try await RawHTTPConnection.run {
                let connection = try RawHTTPConnection(port: port)
                connection.send("GET /nuxeo/api/v1/path/default-domain HTTP/1.1\r\nHost: localhost\r\nAuthorization: \(adminAuthorization)\r\n"
                                + "traceparent: 00-\(traceId)-00f067aa0ba902b7-01\r\nConnection: close\r\n\r\n")
                return RawHTTPResponse(connection.readAll())
            }
        }
        var answered = false
        for _ in 0..<300 where !answered {
            if let response = try? await get(), response.status == 200 { answered = true } else { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(answered, "nxserver did not answer on port \(port)")
        var exported: String?
        for _ in 0..<100 where exported == nil {
            exported = collector.requests.first { $0.head.hasPrefix("POST /v1/traces") }.map { String(decoding: $0.body, as: UTF8.self) }
            if exported == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let spans = try #require(exported, "no span reached the collector")
        #expect(spans.contains("getDocument"))
        // The client's trace id (OTLP/JSON writes ids as protobuf bytes: base64).
        var bytes: [UInt8] = []
        var hex = traceId[...]
        while !hex.isEmpty { bytes.append(UInt8(hex.prefix(2), radix: 16) ?? 0); hex = hex.dropFirst(2) }
        #expect(spans.contains(#""traceId":"\#(Data(bytes).base64EncodedString())""#))
    }
}

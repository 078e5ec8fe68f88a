import ArgumentParser
import Hummingbird

/// The ceiling: a plain Hummingbird route returning a fixed JSON body of a given size.
struct Plain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve GET /plain with a fixed body.")
    @Option var port = 18081
    @Option var bodySize = 1400

    func run() async throws {
        let filler = String(repeating: "x", count: max(0, bodySize - 14))
        let body = ByteBuffer(string: "{\"value\":\"\(filler)\"}")
        let router = Router()
        router.get("/plain") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.runService()
    }
}

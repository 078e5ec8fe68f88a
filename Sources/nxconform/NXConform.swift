import ArgumentParser
import Foundation
import NXConformance
import NXConformanceKit
import NXHTTP

/// nxconform: runs the conformance scenarios of `Spec/conformance/` (as nxgen generated them) against a running server.
@main
struct NXConform: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nxconform",
        abstract: "Runs the conformance scenarios against a server.")

    @Option(help: "API base URL, e.g. http://127.0.0.1:8080/nuxeo/api/v1") var baseURL: String
    @Option(help: "User name.") var user = "Administrator"
    @Option(help: "Password.") var password = "Administrator"
    @Option(help: "Run only scenarios whose id contains this text.") var filter: String?
    @Option(help: "A scenario document (JSON, as nxgen writes it) to run instead of the built-in suite.") var scenarios: String?

    func run() async throws {
        var selected = try loadScenarios()
        if let filter { selected = selected.filter { $0.id.contains(filter) } }
        let runner = ConformanceRunner(transport: HTTPClientTransport(baseURL: baseURL), credentials: NXCredentials(user: user, password: password))
        let results = await runner.run(selected)
        print(ConformanceRunner.report(results))
        if results.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }

    /// The built-in suite, or the document named by `--scenarios`.
    func loadScenarios() throws -> [ConformanceScenario] {
        guard let scenarios else { return try ConformanceSuite.load() }
        guard let data = FileManager.default.contents(atPath: scenarios) else { throw ValidationError("cannot read \(scenarios)") }
        return try ScenarioLoader.load([UInt8](data))
    }
}

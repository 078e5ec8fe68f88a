import ArgumentParser
import NXClient

/// `nx op ID [--input REF] [-p name=value…]`: runs an automation operation or chain.
struct Operation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "op", abstract: "Run an automation operation or chain.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The operation id (Document.Lock, Repository.Query…).") var id: String
    @Option(parsing: .upToNextOption, help: "The input document(s): /path or id.") var input: [String] = []
    @Option(name: [.customShort("p"), .customLong("param")], help: "A parameter, name=value (JSON arrays and objects allowed).")
    var params: [String] = []
    @Option(name: [.customShort("c"), .customLong("context")], help: "A context variable, name=value.") var context: [String] = []

    func run() async throws {
        let operation = NXOperation(id, params: try parseProperties(params))
        let context = try parseProperties(context)
        let input: NXOperationInput = switch self.input.count {
        case 0: .none
        case 1: .document(documentRef(self.input[0]))
        default: .documents(self.input.map(documentRef))
        }
        try await reportingErrors { () async throws(NXClientError) in
            switch try await connection.client().automation.run(operation, input: input, context: context) {
            case .none: break
            case .document(let document): DocumentOutput.print(document, output.resolved)
            case .documents(let documents): DocumentOutput.print(documents.entries, output.resolved)
            case .value(let value): DocumentOutput.print(value)
            case .blob(let blob): Terminal.write(String(decoding: blob.body, as: UTF8.self))
            }
        }
    }
}

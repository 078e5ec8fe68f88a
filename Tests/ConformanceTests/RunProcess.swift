import Foundation
import Subprocess
import SystemPackage

/// The exit status, standard output and standard error of `executable arguments`, run to completion with
/// swift-subprocess (as the server runs its converters). Not Foundation's `Process`: its `run()` crashed (memcpy past a
/// buffer while it listed the open descriptors) in a PostgreSQL test run whose in-process servers open and close
/// sockets all the time. Standard error is merged into standard output when `mergingErrors`.
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                mergingErrors: Bool = false) async throws -> (status: Int32, output: Data, errors: Data) {
    var variables: [Environment.Key: String] = [:]
    for (name, value) in environment ?? [:] {
        if let key = Environment.Key(rawValue: name) { variables[key] = value }
    }
    let env: Environment = environment == nil ? .inherit : .custom(variables)
    let limit = 64 << 20
    let status: TerminationStatus, output: [UInt8], errors: [UInt8]
    if mergingErrors {
        let result = try await Subprocess.run(.path(FilePath(executable)), arguments: Arguments(arguments), environment: env,
                                              output: .bytes(limit: limit), error: .combinedWithOutput)
        (status, output, errors) = (result.terminationStatus, result.standardOutput, [])
    } else {
        let result = try await Subprocess.run(.path(FilePath(executable)), arguments: Arguments(arguments), environment: env,
                                              output: .bytes(limit: limit), error: .bytes(limit: limit))
        (status, output, errors) = (result.terminationStatus, result.standardOutput, result.standardError)
    }
    let code: Int32
    switch status {
    case .exited(let value): code = Int32(value)
    case .signaled(let signal): code = 128 + Int32(signal)
    }
    return (code, Data(output), Data(errors))
}

import Foundation

/// Runs blocking file work (fsync of a large file, concatenating chunks, listing the store) on a thread of its own, so
/// the few threads of Swift's cooperative pool keep serving requests meanwhile.
public enum BlockingIO {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.start()
        }
    }
}

/// Hands a non-Sendable value to `BlockingIO` work that alone uses it meanwhile.
public struct Handed<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

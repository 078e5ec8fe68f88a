import Foundation
import NXCore
import NXRuntime
import Synchronization

/// Asynchronous conversions (`POST …/@convert` with `async=true`): each runs in a task of its own; its state and result
/// are kept in memory, as Nuxeo's transient store keeps them, for the last `capacity` jobs.
final class ConversionJobs: Sendable {
    enum State: Sendable {
        case scheduled
        case running
        case completed(Result<ConversionResult, NXError>)
    }

    let capacity: Int
    private let jobs = Mutex<(states: [String: State], order: [String])>(([:], []))

    init(capacity: Int = 1000) { self.capacity = capacity }

    /// Schedules `work`; returns the job id.
    func schedule(_ work: @escaping @Sendable () async throws -> ConversionResult) -> String {
        let id = UUID().uuidString.lowercased()
        jobs.withLock { jobs in
            jobs.states[id] = .scheduled
            jobs.order.append(id)
            while jobs.order.count > capacity {
                let oldest = jobs.order.removeFirst()
                jobs.states[oldest] = nil
            }
        }
        Task.detached { [self] in
            set(id, .running)
            do {
                set(id, .completed(.success(try await work())))
            } catch let error as NXError {
                set(id, .completed(.failure(error)))
            } catch {
                set(id, .completed(.failure(NXError.internal("Conversion failed: \(error)"))))
            }
        }
        return id
    }

    private func set(_ id: String, _ state: State) {
        jobs.withLock { jobs in if jobs.states[id] != nil { jobs.states[id] = state } }
    }

    /// The state of a job, nil when unknown (or forgotten).
    func state(_ id: String) -> State? { jobs.withLock { $0.states[id] } }
}

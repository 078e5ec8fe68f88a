import Foundation
import NXCore
import NXRuntime

/// Background automation executions (`POST /automation/{id}/@async`, Nuxeo's `AsyncOperationAdapter` and its transient
/// store): running ones can be aborted, finished ones keep their result (or error) until read once or for an hour.
/// Bounded: at most `maximumRunning` at a time and `maximumKept` remembered.
actor AsyncExecutions {
    /// What a finished execution left.
    enum Outcome: Sendable {
        case value(OperationValue, body: JSONObject, void: Bool)
        case failure(any Error)
    }

    private struct Entry {
        var user: String
        var task: Task<Void, Never>?
        var outcome: Outcome?
        var finished: Int64?
    }

    private var entries: [String: Entry] = [:]
    static let maximumRunning = 64
    static let maximumKept = 1000
    /// Per user: one user cannot take every slot from the others.
    static let maximumRunningPerUser = 8
    static let maximumKeptPerUser = 100
    static let retentionMillis: Int64 = 3_600_000

    /// The one clock of this store (start, finish and purge compare its readings).
    static func clock() -> Int64 { Int64(Date.now.timeIntervalSince1970 * 1000) }

    /// Starts `work` as user `user`; nil when too many executions run already (for everyone, or for this user). A user's
    /// oldest unread results are dropped to make room for new ones.
    func start(user: String, body: JSONObject, void: Bool,
               _ work: @escaping @Sendable () async throws -> OperationValue) -> String? {
        purge(now: Self.clock())
        let mine = entries.filter { $0.value.user == user }
        guard mine.values.filter({ $0.outcome == nil }).count < Self.maximumRunningPerUser,
              entries.values.filter({ $0.outcome == nil }).count < Self.maximumRunning
        else { return nil }
        let finished = mine.filter { $0.value.outcome != nil }.sorted { ($0.value.finished ?? 0) < ($1.value.finished ?? 0) }
        for (id, _) in finished.prefix(max(0, mine.count + 1 - Self.maximumKeptPerUser)) { entries[id] = nil }
        guard entries.count < Self.maximumKept else { return nil }
        let id = UUIDv7.make()
        entries[id] = Entry(user: user)
        let task = Task {
            let outcome: Outcome
            do {
                outcome = .value(try await work(), body: body, void: void)
            } catch is CancellationError {
                outcome = .failure(NXError(.internal, "Execution was aborted"))
            } catch {
                outcome = .failure(error)
            }
            self.finish(id, outcome)
        }
        entries[id]?.task = task
        return id
    }

    private func finish(_ id: String, _ outcome: Outcome) {
        entries[id]?.outcome = outcome
        entries[id]?.task = nil
        entries[id]?.finished = Self.clock()
    }

    /// nil: unknown (or another user's); false: running; true: finished.
    func isFinished(_ id: String, user: String) -> Bool? {
        guard let entry = entries[id], entry.user == user else { return nil }
        return entry.outcome != nil
    }

    /// The outcome of a finished execution, removed (a result is read once); nil when unknown or still running.
    func take(_ id: String, user: String) -> Outcome? {
        guard let entry = entries[id], entry.user == user, let outcome = entry.outcome else { return nil }
        entries[id] = nil
        return outcome
    }

    /// Cancels a running execution; false when it is unknown or finished.
    func abort(_ id: String, user: String) -> Bool {
        guard let entry = entries[id], entry.user == user, entry.outcome == nil, let task = entry.task else { return false }
        task.cancel()
        return true
    }

    private func purge(now: Int64) {
        for (id, entry) in entries {
            if let finished = entry.finished, now - finished > Self.retentionMillis { entries[id] = nil }
        }
    }
}

import Foundation
import NXCore
import NXModel
import NXRuntime
import Synchronization

/// The result of one probe run: success and what it says (`infos` values are strings, as Nuxeo's).
struct ProbeResult: Sendable {
    var success: Bool
    var infos: [(String, String)]

    static func ok(_ info: String) -> ProbeResult { ProbeResult(success: true, infos: [("info", info)]) }
    static func failed(_ info: String) -> ProbeResult { ProbeResult(success: false, infos: [("info", info)]) }
}

/// The server's probes (Nuxeo's ProbeManager): each one's last result, history and counts. Running a probe through the
/// management API or `/nuxeo/runningstatus` updates them.
final class ProbeRegistry: Sendable {
    /// Every probe, in listing order.
    static let names = ["administrativeStatus", "runtimeStatus", "repositoryStatus", "databaseStatus", "binaryStoreStatus", "workManagerStatus",
                        "clusterStatus"]
    /// The probes `/nuxeo/runningstatus` runs when none is named (Nuxeo's health-check set).
    static let healthChecks = ["runtimeStatus", "repositoryStatus"]

    struct Record: Sendable {
        var result: ProbeResult?
        var lastRun: Int64?
        var lastSuccess: Int64?
        var lastFail: Int64?
        var runs = 0
        var successes = 0
        var failures = 0
        var time: Int64 = 0
    }

    private let records = Mutex<[String: Record]>([:])

    /// The probe entity of `name`, nil when unknown.
    func entity(_ name: String) -> ProbeEntity? {
        guard Self.names.contains(name) else { return nil }
        return Self.entity(name, records.withLock { $0[name] } ?? Record())
    }

    /// Runs probe `name` against the server and records the result; nil when unknown.
    func run(_ name: String, in state: ServerState) async -> ProbeEntity? {
        guard Self.names.contains(name) else { return nil }
        let start = Date()
        let result = await Self.probe(name, state)
        let end = Int64(Date().timeIntervalSince1970 * 1000)
        let record = records.withLock { records in
            var record = records[name] ?? Record()
            record.result = result
            record.lastRun = end
            record.runs += 1
            if result.success {
                record.lastSuccess = end
                record.successes += 1
            } else {
                record.lastFail = end
                record.failures += 1
            }
            record.time = Int64(Date().timeIntervalSince(start) * 1000)
            records[name] = record
            return record
        }
        return Self.entity(name, record)
    }

    static func entity(_ name: String, _ r: Record) -> ProbeEntity {
        let infos = r.result.map { JSONObject($0.infos.map { ($0.0, JSONValue.string($0.1)) }) } ?? JSONObject([("info", .string("[unavailable]"))])
        return ProbeEntity(
            name: name,
            status: ProbeStatus(entityType: "probeStatus", neverExecuted: r.result == nil, success: r.result?.success ?? false, infos: infos),
            history: ProbeHistory(lastRun: r.lastRun.map(NXDate.format), lastSuccess: r.lastSuccess.map(NXDate.format),
                                  lastFail: r.lastFail.map(NXDate.format)),
            counts: ProbeCounts(run: r.runs, success: r.successes, failure: r.failures), time: Int(clamping: r.time))
    }

    /// What each probe checks.
    static func probe(_ name: String, _ state: ServerState) async -> ProbeResult {
        switch name {
        case "administrativeStatus":
            let host = ProcessInfo.processInfo.hostName
            return ProbeResult(success: true, infos: [("server", host), ("host", host), ("status", "active")])
        case "runtimeStatus":
            return .ok("Runtime started")
        case "repositoryStatus":
            return (try? await state.repository.document(.path("/"))) != nil ? .ok("Repository started") : .failed("Repository not started corectly")
        case "databaseStatus":
            do {
                let size = try await state.store.databaseSize()
                let name = state.store.backend == .sqlite ? "SQLite" : "PostgreSQL"
                return ProbeResult(success: true, infos: [("info", "\(name) store answers"), ("size", String(size))])
            } catch {
                return .failed("\(state.store.backend == .sqlite ? "SQLite" : "PostgreSQL") store failed: \(error)")
            }
        case "clusterStatus":
            guard state.clustered else { return ProbeResult(success: true, infos: [("info", "Not clustered"), ("nodeId", state.nodeId)]) }
            do {
                let nodes = try await state.liveNodes()
                return ProbeResult(success: nodes.contains(state.nodeId),
                                   infos: [("info", "Cluster of \(nodes.count) live node(s)"), ("nodeId", state.nodeId), ("nodes", nodes.joined(separator: ","))])
            } catch {
                return .failed("Cluster status unavailable: \(error)")
            }
        case "binaryStoreStatus":
            let root = state.binaries.root
            guard FileManager.default.isWritableFile(atPath: root) else { return .failed("Binary store not writable: \(root)") }
            return ProbeResult(success: true, infos: [("info", "Binary store writable"), ("root", root)])
        case "workManagerStatus":
            do {
                let counts = try await state.store.workQueueCounts()
                var infos: [(String, String)] = [("info", counts.contains { $0.failed > 0 } ? "Works in failure" : "No work in failure")]
                for queue in state.work.queues { infos.append(("\(queue.name).concurrency", String(queue.concurrency))) }
                for queue in counts {
                    infos.append(("\(queue.kind).pending", String(queue.pending)))
                    infos.append(("\(queue.kind).failed", String(queue.failed)))
                }
                return ProbeResult(success: !counts.contains { $0.failed > 0 }, infos: infos)
            } catch {
                return .failed("Work queue unreadable: \(error)")
            }
        default:
            return .failed("No such probe: \(name)")
        }
    }
}

import Foundation
import Logging
import NXCore
import ServiceLifecycle

/// The server's background work, run beside the HTTP server: the work manager's queues (fulltext extraction), bulk
/// commands, and the periodic jobs (hourly purge of expired upload batches, workflow escalation every 5 minutes), which
/// `PUT /management/scheduler/stop` pauses. Stops with the application.
struct BackgroundWork: Service {
    let state: ServerState

    /// A periodic job, as `GET /management/scheduler` lists it.
    struct Schedule: Sendable {
        var id: String
        var jobClass: String
        var eventId: String
        var category: String
        var cron: String
    }

    /// The periodic jobs (paused together by `PUT /management/scheduler/stop`).
    static let schedules = [
        Schedule(id: "uploadBatchPurge", jobClass: "nx.BatchManager.purgeExpired", eventId: "transientStoreGC", category: "uploads",
                 cron: "0 0 * * * ?"),
        Schedule(id: "workflowEscalation", jobClass: "nx.WorkflowService.runEscalations", eventId: "executeEscalationRules", category: "routing",
                 cron: "0 0/5 * * * ?"),
    ]

    func run() async throws {
        await cancelWhenGracefulShutdown { await work() }
    }

    func work() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await state.work.run() }
            group.addTask { await state.bulk.run() }
            group.addTask {
                // Cluster membership: nodes seen within a minute are live (`/capabilities`, the clusterStatus probe).
                while !Task.isCancelled {
                    do { try await Task.sleep(for: .seconds(10)) } catch { break }
                    try? await state.store.heartbeat(node: state.nodeId, started: state.started, now: Int64(Date().timeIntervalSince1970 * 1000))
                }
            }
            group.addTask {
                let logger = Logger(label: "nx.uploads")
                while !Task.isCancelled {
                    if !state.management.schedulerPaused {
                        do {
                            let purged = try await state.batches.purgeExpired()
                            if purged > 0 { logger.info("expired upload batches purged", metadata: ["count": "\(purged)"]) }
                            try await state.idempotency.purgeExpired()
                        } catch {
                            logger.error("batch purge failed", metadata: ["error": "\(error)"])
                        }
                    }
                    try? await Task.sleep(for: .seconds(3600))
                }
            }
            group.addTask {
                // Workflow escalation rules, every 5 minutes as Nuxeo's escalation scheduler.
                let logger = Logger(label: "nx.workflow")
                while !Task.isCancelled {
                    do { try await Task.sleep(for: .seconds(300)) } catch { break }
                    guard !state.management.schedulerPaused else { continue }
                    do {
                        // One node of a cluster runs a pass: the one holding the job's lease (4 minutes, renewed by its
                        // next pass; a dead node's lease lapses before the next pass of another).
                        let (node, now) = (state.nodeId, Int64(Date().timeIntervalSince1970 * 1000))
                        let mine = try await state.repository.store.write { tx in
                            try tx.claimBulkLease(commandId: "scheduler:workflowEscalation", node: node, now: now, until: now + 240_000)
                        }
                        guard mine else { continue }
                        try await state.workflows.runEscalations()
                    } catch is CancellationError {
                        break
                    } catch {
                        logger.error("workflow escalation pass failed", metadata: ["error": "\(error)"])
                    }
                }
            }
            await group.waitForAll()
        }
    }
}

import Foundation
import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime
import NXSchemas

/// The management API (management-rest-api.md): distribution, configuration, probes, bulk status, garbage collections,
/// reindexing, page providers, scheduler, migrations, failed works. Every call first passes `authorizeManagement`.
extension APIHandlers {
    func managementDistribution(repository: String, context: NXCallContext) async throws -> ManagementDistributionOutput {
        try authorizeManagement(context)
        let version = CMISRepositoryInfo.productVersion
        let bundles = ["NXRuntime", "NXCore", "NXExpression", "NXAPIRuntime", "NXServer", "NXModel", "NXAPI", "NXSchemas"]
            .map { BundleInfo(name: $0, version: version) }
        return .ok(ServerInfoEntity(applicationName: "nx", applicationVersion: version, distributionName: "nx", distributionVersion: version,
                                    distributionDate: "202611300000", bundles: bundles, warnings: [], errors: []))
    }

    func managementConfiguration(repository: String, context: NXCallContext) async throws -> ManagementConfigurationOutput {
        try authorizeManagement(context)
        return .ok(ConfigurationEntity(configuredProperties: ConfigurationRedaction.redacted(management.configuredProperties),
                                       runtimeProperties: ConfigurationRedaction.redacted(management.runtimeProperties)))
    }

    func managementProbes(repository: String, context: NXCallContext) async throws -> ManagementProbesOutput {
        try authorizeManagement(context)
        return .ok(ProbesEntity(entries: ProbeRegistry.names.compactMap(management.probes.entity)))
    }

    func managementProbe(repository: String, probeName: String, context: NXCallContext) async throws -> ManagementProbeOutput {
        try authorizeManagement(context)
        guard let probe = management.probes.entity(probeName) else { throw NXError.notFound("No such probe: \(probeName)") }
        return .ok(probe)
    }

    func managementRunProbe(repository: String, probeName: String, context: NXCallContext) async throws -> ManagementRunProbeOutput {
        try authorizeManagement(context)
        guard let probe = await management.probes.run(probeName, in: state) else { throw NXError.notFound("No such probe: \(probeName)") }
        return .ok(probe)
    }

    func managementBulkStatus(repository: String, commandId: String, context: NXCallContext) async throws -> ManagementBulkStatusOutput {
        try authorizeManagement(context)
        guard let command = try await bulk.status(commandId) else { throw NXError.notFound("commandId doesn't exist: \(commandId)") }
        return .ok(BulkJSON.status(command))
    }

    /// The deprecated synchronous GC; a second one while one runs (or a bulk GC is active) → 409.
    func managementBinariesGC(repository: String, context: NXCallContext) async throws -> ManagementBinariesGCOutput {
        try authorizeManagement(context)
        let (repository, _) = try self.repository(repository)
        let status = try await BinaryGCGate.shared.run(bulk: bulk) { try await repository.collectOrphanBinaries(delete: true) }
        let entity = BinaryManagerStatus(gcDuration: Int(clamping: status.gcDuration), numBinaries: Int(clamping: status.numBinaries),
                                         sizeBinaries: Int(clamping: status.sizeBinaries), numBinariesGC: Int(clamping: status.numBinariesGC),
                                         sizeBinariesGC: Int(clamping: status.sizeBinariesGC))
        return .ok(try JSONParser.parse(entity.jsonBytes()))
    }

    func managementBlobsGC(repository: String, dryRun: Bool, context: NXCallContext) async throws -> ManagementBlobsGCOutput {
        try authorizeManagement(context)
        guard !BinaryGCGate.shared.isRunning else { throw NXError.conflict("Bulk Action: garbageCollectOrphanBlobs is exclusive, command: binaries/orphaned is already running") }
        return .ok(try await submitSystem("garbageCollectOrphanBlobs", query: nil, params: ["dryRun": .bool(dryRun)]))
    }

    func managementVersionsGC(repository: String, context: NXCallContext) async throws -> ManagementVersionsGCOutput {
        try authorizeManagement(context)
        return .ok(try await submitSystem("garbageCollectOrphanVersions", query: "SELECT * FROM Document WHERE ecm:isVersion = 1"))
    }

    func managementFulltextExtract(repository: String, query: String?, force: Bool?, context: NXCallContext) async throws
        -> ManagementFulltextExtractOutput {
        try authorizeManagement(context)
        let nxql = Self.givenQuery(query) ?? "SELECT * FROM Document WHERE ecm:isProxy = 0 AND ecm:mixinType = 'Downloadable'"
        return .ok(try await submitSystem("extractBinaryFulltext", query: nxql, params: force.map { ["force": .bool($0)] } ?? [:]))
    }

    func managementRecomputeThumbnails(repository: String, query: String?, context: NXCallContext) async throws
        -> ManagementRecomputeThumbnailsOutput {
        try authorizeManagement(context)
        let nxql = Self.givenQuery(query) ?? "SELECT * FROM Document WHERE ecm:mixinType = 'Downloadable' AND ecm:isVersion = 0 AND ecm:isProxy = 0 AND ecm:isTrashed = 0"
        return .ok(try await submitSystem("recomputeThumbnails", query: nxql))
    }

    func managementRecomputePictureViews(repository: String, query: String?, context: NXCallContext) async throws
        -> ManagementRecomputePictureViewsOutput {
        try authorizeManagement(context)
        let nxql = Self.givenQuery(query) ?? "SELECT * FROM Document WHERE ecm:mixinType = 'Picture' AND ecm:isVersion = 0 AND ecm:isProxy = 0 AND ecm:isTrashed = 0"
        return .ok(try await submitSystem("recomputeViews", query: nxql))
    }

    func managementReindex(repository: String, query: String?, context: NXCallContext) async throws -> ManagementReindexOutput {
        try authorizeManagement(context)
        return .ok(try await reindex(query: query))
    }

    func managementReindexTarget(repository: String, target: String, query: String?, context: NXCallContext) async throws
        -> ManagementReindexTargetOutput {
        try authorizeManagement(context)
        if repositories[target] != nil { return .ok(try await reindex(query: query)) }
        return .ok(try await reindex(document: target))
    }

    func managementReindexDocument(repository: String, repositoryName: String, docId: String, context: NXCallContext) async throws
        -> ManagementReindexDocumentOutput {
        try authorizeManagement(context)
        _ = try self.repository(repositoryName)
        return .ok(try await reindex(document: docId))
    }

    func managementIndexFlush(repository: String, context: NXCallContext) async throws -> ManagementIndexFlushOutput {
        try authorizeManagement(context)
        try await state.store.checkpoint()
        return .noContent
    }

    func managementIndexFlushRepository(repository: String, repositoryName: String, context: NXCallContext) async throws
        -> ManagementIndexFlushRepositoryOutput {
        try authorizeManagement(context)
        _ = try self.repository(repositoryName)
        try await state.store.checkpoint()
        return .noContent
    }

    func managementIndexOptimize(repository: String, context: NXCallContext) async throws -> ManagementIndexOptimizeOutput {
        try authorizeManagement(context)
        try await state.store.optimize()
        return .noContent
    }

    func managementIndexOptimizeRepository(repository: String, repositoryName: String, context: NXCallContext) async throws
        -> ManagementIndexOptimizeRepositoryOutput {
        try authorizeManagement(context)
        _ = try self.repository(repositoryName)
        try await state.store.optimize()
        return .noContent
    }

    func managementPageProviders(repository: String, context: NXCallContext) async throws -> ManagementPageProvidersOutput {
        try authorizeManagement(context)
        let (repository, _) = try self.repository(repository)
        let providers = repository.registry.pageProviders.values.sorted { $0.name < $1.name }.map { p in
            JSONValue.object(JSONObject([("name", .string(p.name)), ("class", .string("nx.NXQLPageProvider")),
                                         ("maxPageSize", .int(Int64(p.maxPageSize ?? 1000)))]))
        }
        return .ok(.array(providers))
    }

    func managementScheduler(repository: String, context: NXCallContext) async throws -> ManagementSchedulerOutput {
        try authorizeManagement(context)
        let enabled = !management.schedulerPaused
        return .ok(SchedulesEntity(entries: BackgroundWork.schedules.map { job in
            ScheduleEntity(id: job.id, jobFactoryClass: job.jobClass, eventId: job.eventId, eventCategory: job.category,
                           cronExpression: job.cron, username: nil, enabled: enabled, timeZone: nil)
        }))
    }

    func managementSchedulerStart(repository: String, context: NXCallContext) async throws -> ManagementSchedulerStartOutput {
        try authorizeManagement(context)
        try management.setSchedulerPaused(false)
        return .noContent
    }

    func managementSchedulerStop(repository: String, context: NXCallContext) async throws -> ManagementSchedulerStopOutput {
        try authorizeManagement(context)
        try management.setSchedulerPaused(true)
        return .noContent
    }

    func managementMigrations(repository: String, context: NXCallContext) async throws -> ManagementMigrationsOutput {
        try authorizeManagement(context)
        return .ok(MigrationsEntity(entries: [try await storageMigration()]))
    }

    func managementMigration(repository: String, migrationId: String, context: NXCallContext) async throws -> ManagementMigrationOutput {
        try authorizeManagement(context)
        return .ok(try await migration(migrationId))
    }

    func managementMigrationProbe(repository: String, migrationId: String, context: NXCallContext) async throws -> ManagementMigrationProbeOutput {
        try authorizeManagement(context)
        return .ok(try await migration(migrationId))
    }

    /// The storage schema migrates when the store opens: nothing is ever pending, so running accepts and does nothing.
    func managementMigrationRun(repository: String, migrationId: String, context: NXCallContext) async throws -> ManagementMigrationRunOutput {
        try authorizeManagement(context)
        _ = try await migration(migrationId)
        return .accepted
    }

    func managementMigrationRunStep(repository: String, migrationId: String, stepId: String, context: NXCallContext) async throws
        -> ManagementMigrationRunStepOutput {
        try authorizeManagement(context)
        let found = try await migration(migrationId)
        guard found.steps.contains(where: { $0.id == stepId }) else { throw NXError.notFound("No such migration step: \(stepId)") }
        return .accepted
    }

    /// Failed works go back to their queues; waits up to `timeoutSeconds` (default 120, at most 3600) for them.
    func managementRunWorksInFailure(repository: String, timeoutSeconds: Int?, context: NXCallContext) async throws
        -> ManagementRunWorksInFailureOutput {
        try authorizeManagement(context)
        let timeout = timeoutSeconds ?? 120
        guard (0...3600).contains(timeout) else { throw NXError.invalid("timeoutSeconds must be between 0 and 3600") }
        let store = state.store
        let ids = try await store.write { tx in try tx.retryFailedWork() }
        state.work.signal()
        let deadline = Date().addingTimeInterval(Double(timeout))
        var outcome = try await store.read { tx in try tx.pendingWork(ids: ids) }
        while outcome.pending > 0, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            outcome = try await store.read { tx in try tx.pendingWork(ids: ids) }
        }
        let success = ids.count - outcome.pending - outcome.failed
        return .ok(try JSONParser.parse(WorksInFailure(total: ids.count, success: success).jsonBytes()))
    }

    // MARK: - Helpers

    /// A command submitted as `system` (the management API's commands are the server's own).
    /// A form's query, nil when absent or blank (the endpoint's default applies).
    static func givenQuery(_ query: String?) -> String? {
        query.flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0 }
    }

    func submitSystem(_ action: String, query: String?, params: JSONObject = [:], exclusive: Bool? = nil) async throws -> BulkStatusEntity {
        BulkJSON.status(try await bulk.submit(BulkRequest(action: action, query: query, params: params, exclusive: exclusive), principal: .system))
    }

    /// A reindex of the documents of `query`, or of the whole repository (exclusive: a second one is a 409).
    func reindex(query: String?) async throws -> BulkStatusEntity {
        if let query = Self.givenQuery(query) { return try await submitSystem("index", query: query, exclusive: false) }
        return try await submitSystem("index", query: "SELECT * FROM Document", exclusive: true)
    }

    /// A reindex of a document and its descendants; an unknown document → 404.
    func reindex(document id: String) async throws -> BulkStatusEntity {
        guard let repository = repositories.values.first else { throw NXError.notFound("No repository") }
        _ = try await repository.document(.id(id))
        let quoted = id.replacingOccurrences(of: "'", with: "\\'")
        return try await submitSystem("index", query: "SELECT * FROM Document WHERE ecm:uuid = '\(quoted)' OR ecm:ancestorId = '\(quoted)'",
                                      exclusive: false)
    }

    /// nx's one migration: the storage schema, whose state is its last applied step.
    func storageMigration() async throws -> MigrationEntity {
        let (all, applied) = try await state.store.migrations()
        let steps = zip([""] + all, all).map { from, to in
            MigrationStep(id: to, fromState: from, toState: to, description: to, descriptionLabel: "migration.storage.\(to)")
        }
        let status = MigrationStatus(state: applied.last, step: nil, startTime: 0, pingTime: 0, progressMessage: nil, progressNum: applied.count,
                                     progressTotal: all.count, errorMessage: nil, errorCode: 0, running: false)
        return MigrationEntity(id: "storage", description: "The storage schema of the embedded store", descriptionLabel: "migration.storage",
                               status: status, steps: steps)
    }

    func migration(_ id: String) async throws -> MigrationEntity {
        guard id == "storage" else { throw NXError.notFound("No such migration: \(id)") }
        return try await storageMigration()
    }
}

import CoreMetrics
import Foundation
import HTTPTypes
import NXCore
import Prometheus
import Synchronization

/// The server's metrics, in a Prometheus registry of its own (swift-metrics types made by a `PrometheusMetricsFactory`
/// over it, so that several servers in one process — tests — never share or clash): requests per route and status with
/// their latency, store transactions with their wait for a connection, and, computed when scraped, the work queues,
/// active bulk commands, the database and the binary store.
///
/// Every metric name always carries the same label names (a Prometheus registry requires it); label values come from
/// closed sets (endpoint ids, known methods, statuses, queue kinds, action ids), never from raw client input.
final class ServerMetrics: StoreObserver {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let binaryStoreSize = Mutex<(at: ContinuousClock.Instant, files: Int, bytes: Int)?>(nil)

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        let latency: [Duration] = [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                   .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                   .seconds(2.5), .seconds(5), .seconds(10)]
        factory.defaultDurationHistogramBuckets = latency
        let fast: [Duration] = [.microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
                                .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(100), .seconds(1)]
        factory.durationHistogramBuckets = ["nx_db_transaction_seconds": fast, "nx_db_wait_seconds": fast]
        self.factory = factory
    }

    /// The methods named in labels; any other is `other`.
    static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]

    /// Counts a request and records its latency (to the response head).
    func request(method: HTTPRequest.Method, route: String?, status: Int, duration: Duration) {
        let dimensions = [("method", Self.methods.contains(method.rawValue) ? method.rawValue : "other"),
                          ("route", route ?? "unmatched"), ("status", String(status))]
        Counter(label: "nx_http_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "nx_http_request_duration_seconds", dimensions: dimensions, factory: factory).record(duration: duration)
    }

    func storeTransaction(write: Bool, waited: Duration, ran: Duration, failed: Bool) {
        let kind = [("kind", write ? "write" : "read")]
        Timer(label: "nx_db_transaction_seconds", dimensions: kind, factory: factory).record(duration: ran)
        Timer(label: "nx_db_wait_seconds", dimensions: kind, factory: factory).record(duration: waited)
        if failed { Counter(label: "nx_db_transaction_failures_total", dimensions: kind, factory: factory).increment() }
    }

    /// The Prometheus text exposition, after refreshing the gauges computed from the stored state.
    func scrape(_ state: ServerState) async -> [UInt8] {
        if let queues = try? await state.store.workQueueCounts() {
            for queue in queues {
                gauge("nx_work_queue_pending", ["queue": queue.kind], queue.pending)
                gauge("nx_work_queue_failed", ["queue": queue.kind], queue.failed)
            }
        }
        if let active = try? await state.bulk.activeCommands() {
            for action in state.bulk.actionIds {
                let commands = active.filter { $0.action == action }
                gauge("nx_bulk_active_commands", ["action": action], commands.count)
                gauge("nx_bulk_active_processed", ["action": action], commands.reduce(0) { $0 + $1.processed })
                gauge("nx_bulk_active_total", ["action": action], commands.reduce(0) { $0 + $1.total })
                gauge("nx_bulk_active_errors", ["action": action], commands.reduce(0) { $0 + $1.errorCount })
            }
        }
        if let size = try? await state.store.databaseSize() {
            gauge("nx_db_size_bytes", [:], Int(clamping: size))
        }
        let cache = state.repository.documentCacheStatistics
        gauge("nx_document_cache_hits", [:], cache.hits)
        gauge("nx_document_cache_misses", [:], cache.misses)
        gauge("nx_document_cache_entries", [:], cache.entries)
        let readers = state.store.readerUsage
        gauge("nx_db_readers_in_use", [:], readers.inUse)
        gauge("nx_db_readers_waiting", [:], readers.waiting)
        let binaries = binaryStore(root: state.binaries.root)
        gauge("nx_binary_store_files", [:], binaries.files)
        gauge("nx_binary_store_bytes", [:], binaries.bytes)
        return registry.emitToBuffer()
    }

    private func gauge(_ name: String, _ labels: KeyValuePairs<String, String>, _ value: Int) {
        Gauge(label: name, dimensions: labels.map { ($0.key, $0.value) }, factory: factory).record(value)
    }

    /// Files and bytes under the binary store, walked at most once a minute (a walk is proportional to the files).
    private func binaryStore(root: String) -> (files: Int, bytes: Int) {
        let now = ContinuousClock.now
        if let cached = binaryStoreSize.withLock({ $0 }), cached.at.duration(to: now) < .seconds(60) { return (cached.files, cached.bytes) }
        var files = 0
        var bytes = 0
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey]
        if let walker = FileManager.default.enumerator(at: URL(fileURLWithPath: root), includingPropertiesForKeys: keys) {
            for case let url as URL in walker {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                files += 1
                bytes = bytes.addingReportingOverflow(values.fileSize ?? 0).partialValue
            }
        }
        binaryStoreSize.withLock { $0 = (now, files, bytes) }
        return (files, bytes)
    }
}

import Logging
import OTel
import ServiceLifecycle
import Tracing

/// OpenTelemetry tracing of nxserver (`--otel`): swift-otel's tracer, exporting spans in batches over OTLP/HTTP
/// (protobuf unless `OTEL_EXPORTER_OTLP_PROTOCOL` says `http/json`; endpoint from `OTEL_EXPORTER_OTLP_ENDPOINT`, and the
/// other standard `OTEL_*` variables), bootstrapped as the process' `InstrumentationSystem`. Logs and metrics stay
/// with nx's own handlers (structured logs, `/metrics`).
enum Tracing {
    /// Bootstraps the tracer; the returned service exports spans and must run beside the server.
    static func bootstrap(serviceName: String, logger: Logger) throws -> any Service {
        var configuration = OTel.Configuration.default
        configuration.serviceName = serviceName
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.enabled = true
        configuration.traces.exporter = .otlp
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        InstrumentationSystem.bootstrap(backend.factory)
        logger.info("OpenTelemetry tracing on", metadata: ["service": "\(serviceName)"])
        return backend.service
    }
}

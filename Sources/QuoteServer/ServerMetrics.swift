import Prometheus
import Synchronization

/// The service's own metrics, in the Prometheus text format at `GET /metrics`: requests by route and
/// status, errors by stable code, request latency as a histogram, catalog reloads.
///
/// Each server has its own registry (the tests run several in one process); `quote-server` also makes
/// it the swift-metrics backend, so metrics that libraries report land there too.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// Counters made once per label set: the registry's lookup takes a lock and builds a key each time.
    private let requestCounters = Mutex<[String: Counter]>([:])
    private let errorCounters = Mutex<[String: Counter]>([:])
    private let latency: [String: DurationHistogram]
    private let otherLatency: DurationHistogram
    let catalogReloads: Counter
    let catalogReloadFailures: Counter
    let catalogGeneration: Gauge

    static var requestsName: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "quote_http_requests_total", helpText: "HTTP requests answered, by route and status.")
    }
    static var errorsName: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "quote_errors_total", helpText: "Errors answered, by stable code (each request of a batch on its own).")
    }
    static var latencyName: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "quote_http_request_duration_seconds", helpText: "Time from the request's head to its response, by route.")
    }
    static let routes = ["/v1/quote", "/v1/quotes", "/v1/catalog", "/health", "/metrics"]
    static let buckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(5),
    ]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var latency: [String: DurationHistogram] = [:]
        for route in Self.routes {
            latency[route] = registry.makeDurationHistogram(descriptor: Self.latencyName, labels: [("route", route)], buckets: Self.buckets)
        }
        self.latency = latency
        otherLatency = registry.makeDurationHistogram(descriptor: Self.latencyName, labels: [("route", "other")], buckets: Self.buckets)
        catalogReloads = registry.makeCounter(
            descriptor: .init(metricName: "quote_catalog_reloads_total", helpText: "Catalogs loaded after a rebuild on disk."))
        catalogReloadFailures = registry.makeCounter(
            descriptor: .init(
                metricName: "quote_catalog_reload_failures_total",
                helpText: "Rebuilt catalogs that could not be opened (the previous one went on serving)."))
        catalogGeneration = registry.makeGauge(
            descriptor: .init(
                metricName: "quote_catalog_generation", helpText: "The catalog being served: 1 for the first, one more per reload."))
    }

    /// The route label for a path: one of the service's routes, or "other" (unknown paths do not make new series).
    static func route(_ path: String) -> String {
        if routes.contains(path) { return path }
        // Saved quotes by their template, so that ids do not become labels.
        if path.hasPrefix("/v1/quotes/") { return path.hasSuffix("/status") ? "/v1/quotes/{id}/status" : "/v1/quotes/{id}" }
        return "other"
    }

    func recordRequest(route: String, status: Int, duration: Duration) {
        let key = route + " " + String(status)
        let counter = requestCounters.withLock { counters in
            if let c = counters[key] { return c }
            let c = registry.makeCounter(descriptor: Self.requestsName, labels: [("route", route), ("status", String(status))])
            counters[key] = c
            return c
        }
        counter.increment()
        (latency[route] ?? otherLatency).record(duration)
    }

    /// One error answered, by its stable code (each request of a batch counts on its own).
    func recordError(code: String) {
        let counter = errorCounters.withLock { counters in
            if let c = counters[code] { return c }
            let c = registry.makeCounter(descriptor: Self.errorsName, labels: [("code", code)])
            counters[code] = c
            return c
        }
        counter.increment()
    }

    func text() -> [UInt8] { registry.emitToBuffer() }
}

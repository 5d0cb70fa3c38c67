import CoreMetrics
import Prometheus

/// The process's metrics registry. swift-metrics can be bootstrapped once per process, so the
/// first use installs Prometheus as the backend; every `Counter`/`Timer`/`Gauge` made through
/// swift-metrics anywhere in Lore lands here and is served at `/metrics`.
public enum LoreMetrics {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Installs the backend (idempotent); call early so metrics made before the first scrape count.
    public static func bootstrap() { _ = registry }

    /// Prometheus text exposition format.
    public static func exposition() -> [UInt8] { registry.emitToBuffer() }
}

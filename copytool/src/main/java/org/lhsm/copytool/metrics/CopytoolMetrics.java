package org.lhsm.copytool.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Locale;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.copytool.engine.Engine;
import org.lhsm.copytool.engine.EngineListener;

/** The copytool's metrics and their HTTP endpoint. */
public final class CopytoolMetrics implements EngineListener, AutoCloseable {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter actions =
      Counter.builder()
          .name("jhsmtool_actions")
          .help("Actions ended, by kind and result (ok, canceled, failed)")
          .labelNames("action", "result")
          .register(registry);
  private final Counter bytes =
      Counter.builder()
          .name("jhsmtool_copied_bytes")
          .help("Bytes copied by ended actions, by kind")
          .labelNames("action")
          .register(registry);
  private HTTPServer server;

  /** Exposes the engine's queue and pool sizes as gauges. */
  public void bind(Engine engine) {
    GaugeWithCallback.builder()
        .name("jhsmtool_queued_actions")
        .help("Actions received and waiting for a worker")
        .callback(cb -> cb.call(engine.queuedCount()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("jhsmtool_running_actions")
        .help("Actions being processed")
        .callback(cb -> cb.call(engine.runningCount()))
        .register(registry);
  }

  /** Starts serving {@code /metrics}; {@code port} 0 picks a free port. */
  public int start(String address, int port) throws IOException {
    server = HTTPServer.builder().hostname(address).port(port).registry(registry).buildAndStart();
    return server.getPort();
  }

  @Override
  public void actionEnded(HsmActionItem item, int errno, long bytesCopied) {
    String kind = item.action().wireName().toLowerCase(Locale.ROOT);
    String result = errno == 0 ? "ok" : errno == Errno.ECANCELED.number() ? "canceled" : "failed";
    actions.labelValues(kind, result).inc();
    if (bytesCopied > 0) {
      bytes.labelValues(kind).inc(bytesCopied);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}

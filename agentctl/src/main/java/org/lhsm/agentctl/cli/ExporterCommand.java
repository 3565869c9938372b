package org.lhsm.agentctl.cli;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.exporter.CoordinatorCollector;
import org.lhsm.agentctl.params.ParamStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agentctl exporter}: serves the coordinator metrics of every MDT of the node (or of {@code
 * --fsname}) over HTTP for Prometheus, read at each scrape; runs until killed.
 */
@Command(
    name = "exporter",
    description = {
      "Serve Prometheus metrics of the HSM coordinators of this node (every MDT, or --fsname) on"
          + " http://LISTEN/metrics, read from their parameters at each scrape; runs until killed"
          + " (SIGTERM).",
      "Each list file is read up to --max-bytes per scrape; beyond, counts cover the part read"
          + " and lustre_hsm_exporter_truncated is 1."
    },
    mixinStandardHelpOptions = true)
public final class ExporterCommand extends BaseCommand {
  /** Default address: loopback only. */
  public static final String DEFAULT_LISTEN = "127.0.0.1:9847";

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description =
          "Address to serve on (default ${DEFAULT-VALUE}: this host only; 0.0.0.0:PORT for all"
              + " interfaces, port 0 for any free port).")
  String listen = DEFAULT_LISTEN;

  @Option(
      names = "--max-bytes",
      paramLabel = "BYTES",
      description =
          "Read at most BYTES of each of hsm.actions, hsm.active_requests and hsm.agents per MDT"
              + " and scrape (default ${DEFAULT-VALUE}, about 300,000 records).")
  long maxBytes = CoordinatorCollector.DEFAULT_MAX_BYTES;

  @Option(
      names = "--max-tracked",
      paramLabel = "N",
      description =
          "Follow at most N queue records across scrapes for ages and latencies (default"
              + " ${DEFAULT-VALUE}).")
  int maxTracked = CoordinatorCollector.DEFAULT_MAX_TRACKED;

  ExporterCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() throws Exception {
    int colon = listen.lastIndexOf(':');
    int port;
    String host;
    try {
      host = listen.substring(0, Math.max(0, colon));
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new CliException(ExitCode.USAGE, "bad --listen '" + listen + "': expected HOST:PORT");
    }
    if (colon < 1 || port < 0 || port > 65535) {
      throw new CliException(ExitCode.USAGE, "bad --listen '" + listen + "': expected HOST:PORT");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (maxBytes < 4096 || maxTracked < 1) {
      throw new CliException(
          ExitCode.USAGE, "--max-bytes must be at least 4096 and --max-tracked at least 1");
    }
    String fs = common().fsname;
    ParamStore first = params();
    if (fs == null && first.locator().filesystems().isEmpty()) {
      out().println("agentctl exporter: no MDT parameters found yet; serving empty metrics");
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        new CoordinatorCollector(
            this::params, Optional.ofNullable(fs), env.clock(), maxBytes, maxTracked));
    HTTPServer server =
        HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
    out()
        .println(
            "serving http://" + listen.substring(0, colon) + ":" + server.getPort() + "/metrics");
    out().flush();
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "exporter-stop"));
    forever.await();
    return 0;
  }
}

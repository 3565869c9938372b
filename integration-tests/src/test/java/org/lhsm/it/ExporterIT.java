package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.HsmClient;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.it.support.Copytool;
import org.lhsm.it.support.TestData;

/**
 * {@code agentctl exporter} as a child process (the packaged jar), scraped over HTTP while requests
 * wait, run and finish: coordinator state, queue counts by status, the agent and its counters, and
 * the completion-latency histogram built by following cookies between scrapes. Both targets (on
 * real Lustre other requests may be in the queue: counts are checked as lower bounds).
 */
class ExporterIT extends HsmSuite {
  private static final Pattern SERVING = Pattern.compile("serving (http://\\S+/metrics)");
  private static final int FILES = 3;

  @Test
  void metricsFollowRequestsFromWaitingToSucceed() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ChildProcess.java());
    cmd.add("-jar");
    cmd.add(AgentCtlJar.path().toString());
    target
        .paramRoot()
        .ifPresent(
            r -> {
              cmd.add("--param-root");
              cmd.add(r.toString());
            });
    cmd.add("exporter");
    cmd.add("--listen");
    cmd.add("127.0.0.1:0");
    Path log = logFile("exporter.log");
    try (ChildProcess exporter =
        ChildProcess.start("exporter", cmd, target.childEnvironment(), log)) {
      String url =
          Await.until(
              "the exporter serving (" + log + ")",
              () -> {
                if (!exporter.isAlive()) {
                  throw new AssertionError("exporter exited; log:\n" + exporter.logTail());
                }
                String text = Files.readString(log);
                // the log is appended to by every run: only this run's lines count
                Matcher m = SERVING.matcher(text.substring(text.lastIndexOf("# ")));
                return m.find() ? m.group(1) : "";
              },
              u -> !u.isEmpty());
      String first = scrape(url);
      assertThat(first)
          .contains("# TYPE lustre_hsm_requests gauge")
          .containsPattern("lustre_hsm_coordinator_state\\{[^}]*state=\"enabled\"[^}]*\\} 1\\.0");

      // queued with no copytool serving archive 1 yet: seen WAITING by a scrape
      List<Path> files = new ArrayList<>();
      for (int i = 0; i < FILES; i++) {
        Path f = dir.resolve("m" + i);
        TestData.write(f, 256 * 1024, 70 + i);
        files.add(f);
      }
      agentctl.ok("archive --archive-id 1", files.toArray(Path[]::new));
      Await.until(
          "a scrape showing the waiting archives",
          () -> scrape(url),
          m ->
              value(m, "lustre_hsm_requests", "action=\"archive\"", "status=\"waiting\"") >= FILES);

      Copytool ct = startCopytool("ct", target.agentMounts().get(0), "-u", "1");
      for (Path f : files) {
        awaitArchived(f);
      }
      String uuid = HsmClient.agentUuid(ct.mount());
      String m =
          Await.until(
              "a scrape showing the archives done and timed",
              () -> scrape(url),
              s ->
                  value(
                          s,
                          "lustre_hsm_request_completion_seconds_count",
                          "action=\"archive\"",
                          "status=\"succeed\"")
                      >= FILES);
      assertThat(value(m, "lustre_hsm_requests", "action=\"archive\"", "status=\"succeed\""))
          .isGreaterThanOrEqualTo(FILES);
      assertThat(
              value(
                  m,
                  "lustre_hsm_agent_requests_completed_total",
                  "uuid=\"" + uuid + "\"",
                  "result=\"ok\""))
          .isGreaterThanOrEqualTo(FILES);
      // one series per MDT the copytool registered with (every MDT of a DNE filesystem)
      assertThat(values(m, "lustre_hsm_agent_archive", "uuid=\"" + uuid + "\"", "archive_id=\"1\""))
          .isNotEmpty()
          .containsOnly(1.0);
      assertThat(m)
          .contains("lustre_hsm_exporter_scrape_duration_seconds")
          .containsPattern("lustre_hsm_exporter_errors\\{file=\"actions\"[^}]*\\} 0\\.0");
      assertThat(exporter.isAlive()).isTrue();
      exporter.stop(Duration.ofSeconds(30));
    }
  }

  private static String scrape(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + url + ": HTTP " + r.statusCode());
    }
    return r.body();
  }

  /** The sum of the samples of {@code metric} whose labels contain every one of {@code labels}. */
  /** The sum of the samples of {@code metric} whose labels contain every one of {@code labels}. */
  static double value(String exposition, String metric, String... labels) {
    return values(exposition, metric, labels).stream().mapToDouble(Double::doubleValue).sum();
  }

  /** The samples of {@code metric} whose labels contain every one of {@code labels}. */
  static List<Double> values(String exposition, String metric, String... labels) {
    List<Double> out = new ArrayList<>();
    for (String line : exposition.lines().toList()) {
      if (!line.startsWith(metric + "{")) {
        continue;
      }
      String labelText = line.substring(metric.length(), line.lastIndexOf('}') + 1);
      boolean all = true;
      for (String l : labels) {
        all &= labelText.contains(l);
      }
      if (all) {
        out.add(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return out;
  }

  /** The shaded agentctl jar, {@code -Dlhsm.agentctl.jar} (the pom sets it). */
  static final class AgentCtlJar {
    private AgentCtlJar() {}

    static Path path() {
      Path p = Path.of(System.getProperty("lhsm.agentctl.jar", "")).toAbsolutePath().normalize();
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException(
            "lhsm.agentctl.jar = " + p + " does not exist: mvn -pl integration-tests -am verify");
      }
      return p;
    }
  }
}

package org.lhsm.agentctl.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.agentctl.Fixtures;
import org.lhsm.agentctl.params.ParamLocator;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.testing.MutableClock;
import org.lhsm.agentctl.testing.ParamTree;

/**
 * The exporter's output on parameter trees of 2.12 (procfs), 2.15 and 2.16 (sysfs + debugfs) built
 * from the parser fixtures, and what following records across scrapes adds.
 */
class CoordinatorCollectorTest {
  private static final String DEV = "lustre-MDT0000";
  private static final String DEV1 = "lustre-MDT0001";

  @TempDir Path tmp;

  private final MutableClock clock = new MutableClock();

  private CoordinatorCollector collector(ParamTree tree, long maxBytes) {
    ParamStore store = new ParamStore(new ParamLocator(tree.systemRoots()));
    return new CoordinatorCollector(() -> store, Optional.empty(), clock, maxBytes, 1000);
  }

  private static String scrape(CoordinatorCollector c) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, c.collect());
    return out.toString(StandardCharsets.UTF_8);
  }

  /** One MDT's tunables from a {@code lctl get_param} fixture, written as the files. */
  private static void tunables(ParamTree tree, String fixture, String dev) throws Exception {
    for (String line : Fixtures.text(fixture).lines().toList()) {
      String prefix = "mdt." + dev + ".";
      if (!line.startsWith(prefix)) {
        continue;
      }
      String rest = line.substring(prefix.length());
      int eq = rest.indexOf('=');
      String name = rest.substring(0, eq).replaceFirst("^hsm\\.", "");
      tree.put(dev, name, rest.substring(eq + 1) + "\n");
    }
  }

  @Test
  void lustre216() throws Exception {
    ParamTree tree = new ParamTree(tmp, ParamTree.Layout.SYSFS_DEBUGFS);
    tunables(tree, "tunables-2.16.1.txt", DEV);
    tree.put(
        DEV,
        "agents",
        Fixtures.rawFileText("agents-2.16.1.txt", "agents")
                .lines()
                .skip(4)
                .findFirst()
                .orElseThrow()
            + "\n");
    tree.put(DEV, "actions", Fixtures.rawFileText("actions-2.16.1-four.txt", "actions"));
    tree.put(
        DEV,
        "active_requests",
        Fixtures.rawFileText("active_requests-2.16.txt", "active_requests"));
    String m = scrape(collector(tree, CoordinatorCollector.DEFAULT_MAX_BYTES));
    assertThat(m)
        .contains(
            "lustre_hsm_coordinator_state{fs=\"lustre\",mdt=\"lustre-MDT0000\",state=\"enabled\"} 1.0",
            "lustre_hsm_coordinator_state{fs=\"lustre\",mdt=\"lustre-MDT0000\",state=\"disabled\"} 0.0",
            "lustre_hsm_max_requests{fs=\"lustre\",mdt=\"lustre-MDT0000\"} 3.0",
            "lustre_hsm_active_request_timeout_seconds{fs=\"lustre\",mdt=\"lustre-MDT0000\"} 3600.0",
            "lustre_hsm_loop_period_seconds{fs=\"lustre\",mdt=\"lustre-MDT0000\"} 10.0",
            "lustre_hsm_grace_delay_seconds{fs=\"lustre\",mdt=\"lustre-MDT0000\"} 60.0",
            "lustre_hsm_default_archive_id{fs=\"lustre\",mdt=\"lustre-MDT0000\"} 1.0",
            "lustre_hsm_remove_archive_on_last_unlink{fs=\"lustre\",mdt=\"lustre-MDT0000\"} 0.0",
            "lustre_hsm_policy{fs=\"lustre\",mdt=\"lustre-MDT0000\",policy=\"NoRetryAction\"} 1.0",
            "lustre_hsm_policy{fs=\"lustre\",mdt=\"lustre-MDT0000\",policy=\"NonBlockingRestore\"} 0.0",
            "lustre_hsm_request_mask{action=\"restore\",class=\"user\",fs=\"lustre\",mdt=\"lustre-MDT0000\"} 1.0",
            "lustre_hsm_request_mask{action=\"archive\",class=\"other\",fs=\"lustre\",mdt=\"lustre-MDT0000\"} 0.0",
            "lustre_hsm_dispatched_requests{action=\"archive\",fs=\"lustre\",mdt=\"lustre-MDT0000\"} 0.0",
            "lustre_hsm_requests{action=\"restore\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"succeed\"} 2.0",
            "lustre_hsm_requests{action=\"archive\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"waiting\"} 0.0",
            "lustre_hsm_agents{fs=\"lustre\",mdt=\"lustre-MDT0000\"} 1.0",
            "lustre_hsm_agent_requests_completed_total{fs=\"lustre\",mdt=\"lustre-MDT0000\",result=\"ok\",uuid=\"de2c3719-cca7-4408-9d26-90db9b7adf2e\"} 4.0",
            "lustre_hsm_agent_requests_current{fs=\"lustre\",mdt=\"lustre-MDT0000\",uuid=\"de2c3719-cca7-4408-9d26-90db9b7adf2e\"} 0.0",
            "lustre_hsm_agent_archive{archive_id=\"1\",fs=\"lustre\",mdt=\"lustre-MDT0000\",uuid=\"de2c3719-cca7-4408-9d26-90db9b7adf2e\"} 1.0",
            "lustre_hsm_active_requests{action=\"archive\",fs=\"lustre\",mdt=\"lustre-MDT0000\"} 2.0",
            "lustre_hsm_active_request_done_bytes{action=\"archive\",agent=\"de2c3719-cca7-4408-9d26-90db9b7adf2e\",cookie=\"0x6b06905e\",fid=\"[0x200000401:0x1:0x0]\",fs=\"lustre\",mdt=\"lustre-MDT0000\"} 1048576.0",
            "lustre_hsm_exporter_truncated{file=\"actions\",fs=\"lustre\",mdt=\"lustre-MDT0000\"} 0.0",
            "lustre_hsm_exporter_errors{file=\"actions\",fs=\"lustre\",mdt=\"lustre-MDT0000\"} 0.0",
            "# TYPE lustre_hsm_agent_requests_completed_total counter");
    // every action x status pair is present, so series do not come and go
    assertThat(m.lines().filter(l -> l.startsWith("lustre_hsm_requests{"))).hasSize(20);
  }

  @Test
  void lustre215TwoMdts() throws Exception {
    ParamTree tree = new ParamTree(tmp, ParamTree.Layout.SYSFS_DEBUGFS);
    tree.defaults(DEV);
    tree.defaults(DEV1);
    String text = Fixtures.text("actions-2.15.txt");
    int second = text.indexOf("mdt." + DEV1);
    tree.put(DEV, "actions", text.substring(0, second));
    tree.put(DEV1, "actions", text.substring(second));
    String m = scrape(collector(tree, CoordinatorCollector.DEFAULT_MAX_BYTES));
    assertThat(m)
        .contains(
            "lustre_hsm_requests{action=\"archive\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"waiting\"} 1.0",
            "lustre_hsm_requests{action=\"cancel\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"succeed\"} 1.0",
            "lustre_hsm_requests{action=\"restore\",fs=\"lustre\",mdt=\"lustre-MDT0001\",status=\"started\"} 1.0",
            "lustre_hsm_agents{fs=\"lustre\",mdt=\"lustre-MDT0001\"} 0.0");
  }

  @Test
  void lustre212Procfs() throws Exception {
    ParamTree tree = new ParamTree(tmp, ParamTree.Layout.PROCFS);
    tunables(tree, "tunables-2.12.txt", DEV);
    tunables(tree, "tunables-2.12.txt", DEV1);
    tree.put(DEV, "agents", Fixtures.rawFileText("agents-2.12.txt", "agents"));
    tree.put(DEV, "actions", Fixtures.rawFileText("actions-2.12.txt", "actions"));
    tree.put(
        DEV,
        "active_requests",
        Fixtures.rawFileText("active_requests-2.12.txt", "active_requests"));
    String m = scrape(collector(tree, CoordinatorCollector.DEFAULT_MAX_BYTES));
    assertThat(m)
        .contains(
            "lustre_hsm_coordinator_state{fs=\"lustre\",mdt=\"lustre-MDT0001\",state=\"disabled\"} 1.0",
            "lustre_hsm_max_requests{fs=\"lustre\",mdt=\"lustre-MDT0000\"} 128.0",
            "lustre_hsm_policy{fs=\"lustre\",mdt=\"lustre-MDT0000\",policy=\"NonBlockingRestore\"} 1.0",
            "lustre_hsm_policy{fs=\"lustre\",mdt=\"lustre-MDT0001\",policy=\"NoRetryAction\"} 0.0",
            "lustre_hsm_remove_archive_on_last_unlink{fs=\"lustre\",mdt=\"lustre-MDT0000\"} 1.0",
            "lustre_hsm_dispatched_requests{action=\"restore\",fs=\"lustre\",mdt=\"lustre-MDT0000\"} 1.0",
            "lustre_hsm_agent_archive{archive_id=\"any\",fs=\"lustre\",mdt=\"lustre-MDT0000\",uuid=\"0a1b2c3d-0000-4000-8000-000000000001\"} 1.0",
            "lustre_hsm_agent_archive{archive_id=\"30\",fs=\"lustre\",mdt=\"lustre-MDT0000\",uuid=\"0a1b2c3d-0000-4000-8000-000000000002\"} 1.0",
            "lustre_hsm_agent_requests_completed_total{fs=\"lustre\",mdt=\"lustre-MDT0000\",result=\"error\",uuid=\"0a1b2c3d-0000-4000-8000-000000000001\"} 1.0",
            "lustre_hsm_agent_requests_current{fs=\"lustre\",mdt=\"lustre-MDT0000\",uuid=\"0a1b2c3d-0000-4000-8000-000000000001\"} 2.0",
            "lustre_hsm_requests{action=\"remove\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"failed\"} 1.0",
            "lustre_hsm_active_request_done_bytes{action=\"restore\",agent=\"0a1b2c3d-0000-4000-8000-000000000001\",cookie=\"0x5e1f0002\",fid=\"[0x200000401:0x3:0x0]\",fs=\"lustre\",mdt=\"lustre-MDT0000\"} 4194304.0");
    // the second MDT has tunables only: its missing lists are errors, nothing else fails
    assertThat(m)
        .contains(
            "lustre_hsm_exporter_errors{file=\"actions\",fs=\"lustre\",mdt=\"lustre-MDT0001\"} 1.0");
  }

  @Test
  void agesAndLatencyFollowRecordsAcrossScrapes() throws Exception {
    ParamTree tree = new ParamTree(tmp, ParamTree.Layout.EMULATOR);
    tree.defaults(DEV);
    ParamStore store = new ParamStore(new ParamLocator(List.of(tree.emulatorRoot())));
    CoordinatorCollector c =
        new CoordinatorCollector(() -> store, Optional.empty(), clock, 1 << 20, 1000);
    String old = rec(0x10, "ARCHIVE", "WAITING");
    tree.put(DEV, "actions", old);
    scrape(c); // first scrape: 0x10 was there before, its start is unknown
    clock.advance(Duration.ofSeconds(10));
    tree.put(DEV, "actions", old + rec(0x11, "ARCHIVE", "WAITING"));
    String m = scrape(c);
    assertThat(m)
        .contains(
            "lustre_hsm_request_oldest_age_seconds{action=\"archive\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"waiting\"} 10.0");
    clock.advance(Duration.ofSeconds(20));
    tree.put(DEV, "actions", rec(0x10, "ARCHIVE", "SUCCEED") + rec(0x11, "ARCHIVE", "STARTED"));
    m = scrape(c);
    assertThat(m)
        .contains(
            "lustre_hsm_request_oldest_age_seconds{action=\"archive\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"started\"} 0.0",
            "lustre_hsm_request_oldest_age_seconds{action=\"archive\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"waiting\"} 0.0")
        .doesNotContain("lustre_hsm_request_completion_seconds_count");
    clock.advance(Duration.ofSeconds(45));
    tree.put(DEV, "actions", rec(0x10, "ARCHIVE", "SUCCEED") + rec(0x11, "ARCHIVE", "SUCCEED"));
    m = scrape(c);
    // 0x11: first seen WAITING at 10 s, first seen SUCCEED at 75 s
    assertThat(m)
        .contains(
            "lustre_hsm_request_completion_seconds_bucket{action=\"archive\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"succeed\",le=\"60.0\"} 0",
            "lustre_hsm_request_completion_seconds_bucket{action=\"archive\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"succeed\",le=\"120.0\"} 1",
            "lustre_hsm_request_completion_seconds_count{action=\"archive\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"succeed\"} 1",
            "lustre_hsm_request_completion_seconds_sum{action=\"archive\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"succeed\"} 65.0");
    // seen again: not counted twice
    clock.advance(Duration.ofSeconds(5));
    assertThat(scrape(c))
        .contains(
            "lustre_hsm_request_completion_seconds_count{action=\"archive\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"succeed\"} 1");
  }

  @Test
  void aListLongerThanTheLimitIsReadOnlyInPart() throws Exception {
    ParamTree tree = new ParamTree(tmp, ParamTree.Layout.EMULATOR);
    tree.defaults(DEV);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      sb.append(rec(0x100 + i, "ARCHIVE", "WAITING"));
    }
    tree.put(DEV, "actions", sb.toString());
    int line = rec(0x100, "ARCHIVE", "WAITING").length();
    ParamStore store = new ParamStore(new ParamLocator(List.of(tree.emulatorRoot())));
    CoordinatorCollector c =
        new CoordinatorCollector(() -> store, Optional.empty(), clock, 10L * line + 5, 1000);
    String m = scrape(c);
    assertThat(m)
        .contains(
            "lustre_hsm_requests{action=\"archive\",fs=\"lustre\",mdt=\"lustre-MDT0000\",status=\"waiting\"} 10.0",
            "lustre_hsm_exporter_truncated{file=\"actions\",fs=\"lustre\",mdt=\"lustre-MDT0000\"} 1.0",
            "lustre_hsm_exporter_read_bytes{file=\"actions\",fs=\"lustre\",mdt=\"lustre-MDT0000\"} "
                + (10 * line + 6)
                + ".0");
  }

  static String rec(long cookie, String action, String status) {
    return "lrh=[type=10680000 len=136 idx=1/1] fid=[0x200000401:0x"
        + Long.toHexString(cookie)
        + ":0x0] dfid=[0x200000401:0x"
        + Long.toHexString(cookie)
        + ":0x0] compound/cookie=0x0/0x"
        + Long.toHexString(cookie)
        + " action="
        + action
        + " archive#=1 flags=0x0 extent=0x0-0xffffffffffffffff gid=0x0 datalen=0 status="
        + status
        + " data=[]\n";
  }
}

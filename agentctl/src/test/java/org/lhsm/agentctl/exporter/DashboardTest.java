package org.lhsm.agentctl.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.agentctl.params.ParamLocator;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.testing.MutableClock;
import org.lhsm.agentctl.testing.ParamTree;

/** Every series the sample Grafana dashboard queries is one the exporter serves. */
class DashboardTest {
  private static final Pattern NAME = Pattern.compile("lustre_hsm_[a-z_]+");

  @TempDir Path tmp;

  @Test
  void theDashboardQueriesOnlyServedMetrics() throws Exception {
    String dashboard = Files.readString(Path.of("dashboards/lhsm-coordinator.json"));
    Set<String> queried = new TreeSet<>();
    Matcher m = NAME.matcher(dashboard);
    while (m.find()) {
      queried.add(m.group());
    }
    assertThat(queried).hasSizeGreaterThan(10);

    ParamTree tree = new ParamTree(tmp, ParamTree.Layout.EMULATOR);
    tree.defaults("lustre-MDT0000");
    tree.put(
        "lustre-MDT0000", "agents", "uuid=a archive_id=1 requests=[current:0 ok:0 errors:0]\n");
    tree.put(
        "lustre-MDT0000",
        "active_requests",
        "fid=[0x200000401:0x2:0x0] dfid=[0x200000401:0x2:0x0] compound/cookie=0x0/0x2"
            + " action=ARCHIVE archive#=1 flags=0x0 extent=0x0-0xffffffffffffffff gid=0x0 data=[]"
            + " canceled=0 uuid=a done=4096\n");
    MutableClock clock = new MutableClock();
    ParamStore store = new ParamStore(new ParamLocator(List.of(tree.emulatorRoot())));
    CoordinatorCollector c =
        new CoordinatorCollector(() -> store, Optional.empty(), clock, 1 << 20, 100);
    c.collect();
    tree.put("lustre-MDT0000", "actions", CoordinatorCollectorTest.rec(0x1, "ARCHIVE", "WAITING"));
    c.collect();
    clock.advance(Duration.ofSeconds(3));
    tree.put("lustre-MDT0000", "actions", CoordinatorCollectorTest.rec(0x1, "ARCHIVE", "SUCCEED"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, c.collect());
    String served = out.toString(StandardCharsets.UTF_8);
    Set<String> names = new TreeSet<>();
    Matcher s = Pattern.compile("(?m)^(lustre_hsm_[a-z_]+)[{ ]").matcher(served);
    while (s.find()) {
      names.add(s.group(1));
    }
    assertThat(names).containsAll(queried);
  }
}

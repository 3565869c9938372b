package org.lhsm.agentctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lhsm.agentctl.Fixtures;
import org.lhsm.agentctl.testing.Cli;
import org.lhsm.agentctl.testing.FakeHsmFiles;
import org.lhsm.agentctl.testing.ParamTree;

/** Coordinator-side commands on fixture parameter trees, in each layout agentctl must find. */
class ParamCommandsTest {
  private static final String DEV = "lustre-MDT0000";

  @TempDir Path tmp;

  private ParamTree tree;
  private Cli cli;

  private void setUp(ParamTree.Layout layout) throws Exception {
    tree = new ParamTree(tmp.resolve("params"), layout);
    tree.defaults(DEV);
    tree.put(DEV, "agents", Fixtures.rawFileText("agents-2.12.txt", "agents"));
    tree.put(DEV, "actions", Fixtures.rawFileText("actions-2.12.txt", "actions"));
    tree.put(
        DEV,
        "active_requests",
        Fixtures.rawFileText("active_requests-2.12.txt", "active_requests"));
    cli = new Cli(new FakeHsmFiles(tmp.resolve("mnt")), tree.systemRoots());
  }

  private Cli.Result run(String... args) {
    List<String> a = new ArrayList<>(Arrays.asList(args));
    if (tree.layout() == ParamTree.Layout.EMULATOR) {
      a.add("--param-root");
      a.add(tree.emulatorRoot().toString());
    }
    return cli.run(a.toArray(String[]::new));
  }

  @ParameterizedTest
  @EnumSource(ParamTree.Layout.class)
  void agentsTableAndJson(ParamTree.Layout layout) throws Exception {
    setUp(layout);
    Cli.Result r = run("agents");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines().toList())
        .hasSize(3)
        .first()
        .asString()
        .startsWith("MDT")
        .contains("UUID", "ARCHIVES", "CURRENT", "OK", "ERRORS");
    assertThat(r.out())
        .contains("0a1b2c3d-0000-4000-8000-000000000001")
        .contains("ANY")
        .contains("1,2,30");
    Cli.Result j = run("agents", "--json");
    assertThat(j.out().strip())
        .startsWith(
            "[{\"mdt\":\"lustre-MDT0000\",\"uuid\":\"0a1b2c3d-0000-4000-8000-000000000001\",\"archives\":\"ANY\",\"current\":2,\"ok\":17,\"errors\":1");
    assertThat(j.out()).contains("\"archives\":[1,2,30]");
    assertThat(j.err()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ParamTree.Layout.class)
  void requestsJoinTheQueueWithActiveRequestsAndFilter(ParamTree.Layout layout) throws Exception {
    setUp(layout);
    Cli.Result all = run("requests");
    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(all.out().lines().count()).isEqualTo(5);
    String started = all.out().lines().filter(l -> l.contains("STARTED")).findFirst().orElseThrow();
    assertThat(started)
        .contains("0x5e1f0002", "RESTORE", "0a1b2c3d-0000-4000-8000-000000000001", "4194304");

    assertThat(run("requests", "--status", "WAITING,FAILED").out().lines().count()).isEqualTo(3);
    assertThat(run("requests", "--action", "archive").out().lines().count()).isEqualTo(3);
    assertThat(run("requests", "--fid", "[0x200000401:0x4:0x0]").out())
        .contains("REMOVE")
        .doesNotContain("RESTORE");
    assertThat(run("requests", "--archive-id", "2").out())
        .contains("0x5e1f0001")
        .doesNotContain("0x5e1f0002");
    assertThat(
            run("requests", "--agent", "0a1b2c3d-0000-4000-8000-000000000001")
                .out()
                .lines()
                .count())
        .isEqualTo(2);
    assertThat(run("requests", "--agent", "nobody").out()).isEqualTo("no request matches\n");

    Cli.Result j = run("requests", "--json", "--status", "STARTED");
    assertThat(j.out())
        .contains(
            "\"cookie\":\"0x5e1f0002\"",
            "\"agent\":\"0a1b2c3d-0000-4000-8000-000000000001\"",
            "\"bytesDone\":4194304",
            "\"status\":\"STARTED\"");
  }

  @ParameterizedTest
  @EnumSource(ParamTree.Layout.class)
  void coordinatorStatusAndControl(ParamTree.Layout layout) throws Exception {
    setUp(layout);
    Cli.Result s = run("coordinator", "status");
    assertThat(s.exitCode()).as(s.err()).isZero();
    assertThat(s.out()).contains("lustre-MDT0000  enabled");
    String row = s.out().lines().skip(1).findFirst().orElseThrow();
    assertThat(row.split("\\s+")).containsExactly("lustre-MDT0000", "enabled", "2", "1", "1", "3");

    Cli.Result d = run("coordinator", "disable");
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(d.out()).isEqualTo("lustre-MDT0000: hsm_control=disabled (was enabled)\n");
    assertThat(tree.get(DEV, "hsm_control")).isEqualTo("disabled\n");
    assertThat(run("coordinator", "enable").exitCode()).isZero();
    assertThat(tree.get(DEV, "hsm_control")).isEqualTo("enabled\n");
    assertThat(run("coordinator", "purge").exitCode()).isZero();
    assertThat(tree.get(DEV, "hsm_control")).isEqualTo("purge\n");
    tree.put(DEV, "hsm_control", "enabled\n");
    assertThat(run("coordinator", "shutdown", "--json").out()).contains("\"before\":\"enabled\"");
    assertThat(tree.get(DEV, "hsm_control")).isEqualTo("shutdown\n");
  }

  @ParameterizedTest
  @EnumSource(ParamTree.Layout.class)
  void tunablesGetAndSet(ParamTree.Layout layout) throws Exception {
    setUp(layout);
    Cli.Result all = run("tunables");
    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(all.out())
        .contains("max_requests", "policy", "NonBlockingRestore [NoRetryAction]", "remove_count");
    assertThat(run("tunables", "get", "max_requests", "hsm.grace_delay").out())
        .contains("max_requests            3".substring(0, 12))
        .contains("grace_delay")
        .doesNotContain("policy");
    Cli.Result set =
        run(
            "tunables",
            "set",
            "max_requests=10",
            "policy=+NBR",
            "user_request_mask=archive restore");
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.out()).contains("mdt.lustre-MDT0000.hsm.max_requests=10");
    assertThat(tree.get(DEV, "max_requests")).isEqualTo("10\n");
    assertThat(tree.get(DEV, "policy")).isEqualTo("+NonBlockingRestore\n");
    assertThat(tree.get(DEV, "user_request_mask")).isEqualTo("ARCHIVE RESTORE\n");
    assertThat(run("tunables", "get", "--json", "max_requests").out().strip())
        .isEqualTo("[{\"mdt\":\"lustre-MDT0000\",\"name\":\"max_requests\",\"value\":\"10\"}]");
  }

  @ParameterizedTest
  @EnumSource(ParamTree.Layout.class)
  void real2161ListsWorkThroughTheCli(ParamTree.Layout layout) throws Exception {
    setUp(layout);
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
    tree.put(DEV, "active_requests", "");
    Cli.Result a = run("agents");
    assertThat(a.out()).contains("de2c3719-cca7-4408-9d26-90db9b7adf2e");
    Cli.Result r = run("requests", "--status", "SUCCEED");
    assertThat(r.out().lines().count()).isEqualTo(5);
  }
}

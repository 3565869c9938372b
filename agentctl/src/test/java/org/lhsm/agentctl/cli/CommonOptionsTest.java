package org.lhsm.agentctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.Fixtures;
import org.lhsm.agentctl.testing.Cli;
import org.lhsm.agentctl.testing.FakeHsmFiles;
import org.lhsm.agentctl.testing.ParamTree;

/** --param-root, --json, --fsname and -v work before the subcommand as well as after it. */
class CommonOptionsTest {
  private static final String DEV = "lustre-MDT0000";

  @TempDir Path tmp;

  private String root;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    ParamTree tree = new ParamTree(tmp.resolve("params"), ParamTree.Layout.EMULATOR);
    tree.defaults(DEV);
    tree.put(DEV, "agents", Fixtures.rawFileText("agents-2.12.txt", "agents"));
    root = tree.emulatorRoot().toString();
    // no system roots: only --param-root finds the tree
    cli = new Cli(new FakeHsmFiles(tmp.resolve("mnt")), java.util.List.of(tmp.resolve("none")));
  }

  @Test
  void theReadmeFormWorksAsPrinted() {
    Cli.Result before = cli.run("--param-root", root, "agents");
    Cli.Result after = cli.run("agents", "--param-root", root);
    assertThat(before.exitCode()).as(before.err()).isZero();
    assertThat(before.out())
        .contains("0a1b2c3d-0000-4000-8000-000000000001")
        .isEqualTo(after.out());
  }

  @Test
  void everyCommonOptionGoesAnywhere() {
    String json = cli.run("agents", "--json", "--param-root", root).out();
    assertThat(json).startsWith("[{\"mdt\":\"lustre-MDT0000\"");
    assertThat(cli.run("--json", "--param-root", root, "agents").out()).isEqualTo(json);
    assertThat(cli.run("--json", "agents", "--param-root", root).out()).isEqualTo(json);
    assertThat(cli.run("-v", "--fsname", "lustre", "--param-root", root, "--json", "agents").out())
        .isEqualTo(json);
  }

  @Test
  void nestedSubcommandsInheritThemToo() {
    String status = cli.run("coordinator", "status", "--json", "--param-root", root).out();
    assertThat(status).startsWith("[{\"mdt\":\"lustre-MDT0000\",\"state\":\"enabled\"");
    assertThat(cli.run("--json", "--param-root", root, "coordinator", "status").out())
        .isEqualTo(status);
    assertThat(cli.run("coordinator", "--json", "status", "--param-root", root).out())
        .isEqualTo(status);
    assertThat(cli.run("--param-root", root, "tunables", "get", "--json", "max_requests").out())
        .contains("\"name\":\"max_requests\",\"value\":\"3\"");
  }

  @Test
  void aBadCommonOptionIsAUsageErrorWherever() {
    assertThat(cli.run("--fsname", "bad-name!", "--param-root", root, "agents").exitCode())
        .isEqualTo(ExitCode.USAGE);
    assertThat(cli.run("--param-root").exitCode()).isEqualTo(ExitCode.USAGE);
  }
}

package org.lhsm.agentctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.agentctl.testing.ParamTree;
import org.lhsm.emulator.testkit.ChildProcess;

/** The packaged artefacts: launcher + shaded jar, completion script, man pages. */
class LauncherIT {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  private Run launch(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("agentctl.launcher"));
    cmd.addAll(List.of(args));
    Map<String, String> env = new HashMap<>();
    env.put("AGENTCTL_JAR", System.getProperty("agentctl.jar"));
    // the JVM running the tests, so the launcher does not depend on PATH or JAVA_HOME
    env.put("JAVA", ChildProcess.java());
    env.put("LHSM_LIBLUSTREAPI", tmp.resolve("no-liblustreapi.so").toString());
    env.put("LHSM_PARAM_ROOT", null); // removed
    ChildProcess.Result r = ChildProcess.run(cmd, env, Duration.ofSeconds(60));
    return new Run(r.exitCode(), r.stdout(), r.stderr());
  }

  @Test
  void launcherRunsTheShadedJarWithCleanStdout() throws Exception {
    ParamTree tree = new ParamTree(tmp.resolve("emu"), ParamTree.Layout.EMULATOR);
    tree.defaults("lustre-MDT0000");
    tree.put(
        "lustre-MDT0000",
        "agents",
        Fixtures.rawFileText("agents-2.16.1.txt", "agents")
                .strip()
                .lines()
                .reduce((a, b) -> b)
                .orElseThrow()
            + "\n");
    Run r = launch("agents", "--json", "--param-root", tree.emulatorRoot().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "[{\"mdt\":\"lustre-MDT0000\",\"uuid\":\"de2c3719-cca7-4408-9d26-90db9b7adf2e\",\"archives\":[1],\"current\":0,\"ok\":4,\"errors\":0,\"extra\":{}}]\n");
    assertThat(r.err()).isEmpty();
    // the README's form: common options before the subcommand
    Run before = launch("--param-root", tree.emulatorRoot().toString(), "--json", "agents");
    assertThat(before.code()).as(before.err()).isZero();
    assertThat(before.out()).isEqualTo(r.out());
  }

  @Test
  void fileCommandWithoutLiblustreapiExits3WithTheLibrarysHint() throws Exception {
    Run r = launch("state", tmp.toString());
    assertThat(r.code()).isEqualTo(ExitCode.NOT_LUSTRE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("agentctl: state " + tmp + ": liblustreapi not found");
  }

  @Test
  void usageErrorExits2() throws Exception {
    Run r = launch("archive", "--archive-id", "-1", "x");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("bad --archive-id -1");
  }

  @Test
  void completionScriptAndManPagesWereGenerated() throws Exception {
    Path dist = Path.of(System.getProperty("agentctl.dist"));
    String completion = Files.readString(dist.resolve("agentctl_completion"));
    assertThat(completion)
        .contains("agentctl")
        .contains("archive")
        .contains("tunables")
        .contains("--param-root");
    for (String page :
        List.of(
            "agentctl",
            "agentctl-archive",
            "agentctl-why",
            "agentctl-tunables-set",
            "agentctl-coordinator-purge")) {
      String text = Files.readString(dist.resolve("man").resolve(page + ".adoc"));
      assertThat(text).as(page).contains("Exit codes");
    }
    Path man1 = dist.resolve("man").resolve("man1");
    assertThat(Files.readString(man1.resolve("agentctl.1")))
        .startsWith(".TH \"AGENTCTL\" 1 ")
        .contains(".SH \"EXIT STATUS\"");
    // every AsciiDoc page (one per command, nested ones included) has its troff twin
    try (var adocs = Files.list(dist.resolve("man"))) {
      List<String> names =
          adocs
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".adoc"))
              .map(n -> n.substring(0, n.length() - ".adoc".length()))
              .toList();
      assertThat(names).contains("agentctl-coordinator-purge");
      for (String name : names) {
        assertThat(Files.readString(man1.resolve(name + ".1")))
            .as(name)
            .startsWith(".TH \"" + name.toUpperCase(Locale.ROOT).replace("-", "\\-"))
            .contains(".SH OPTIONS");
      }
    }
  }
}

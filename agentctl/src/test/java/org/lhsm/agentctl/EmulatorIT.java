package org.lhsm.agentctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.emulator.testkit.EmulatorExtension;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.EmulatorProcess;

/**
 * The packaged agentctl against the user-space emulator (started by the test kit): real bindings,
 * the emulation liblustreapi and the emulator's parameter tree. Skipped when the reactor has not
 * built the emulator jar and the emulation library.
 */
class EmulatorIT {
  @RegisterExtension
  static final EmulatorExtension emulator = new EmulatorExtension(EmulatorLauncher.create());

  @TempDir static Path tmp;

  private static EmulatorProcess emu;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void startEmulator() throws Exception {
    emu = emulator.get();
  }

  private Run exec(List<String> cmd) throws IOException {
    Map<String, String> env = new HashMap<>(emu.environment());
    env.put("AGENTCTL_JAR", System.getProperty("agentctl.jar"));
    env.put("JAVA", ChildProcess.java());
    env.put("LHSM_PARAM_ROOT", emu.paramRoot().toString());
    ChildProcess.Result r = ChildProcess.run(cmd, env, Duration.ofSeconds(60));
    return new Run(r.exitCode(), r.stdout(), r.stderr());
  }

  private Run agentctl(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("agentctl.launcher"));
    cmd.addAll(List.of(args));
    return exec(cmd);
  }

  /** Re-runs {@code args} until its output satisfies {@code done}: writes apply asynchronously. */
  private Run until(Predicate<Run> done, String... args) {
    return Await.until(String.join(" ", args) + " as expected", () -> agentctl(args), done);
  }

  @Test
  void fullCycleWithTheCopytool() throws Exception {
    String ct = System.getProperty("lhsm.copytool.jar", "");
    assumeTrue(!ct.isEmpty() && Files.isRegularFile(Path.of(ct)), "no copytool jar built: " + ct);
    Path archive = Files.createDirectories(tmp.resolve("archive"));
    Path mnt = emu.mount(1);
    List<String> cmd =
        List.of(
            ChildProcess.java(),
            "--enable-native-access=ALL-UNNAMED",
            "-jar",
            ct,
            "--hsm-root=" + archive,
            "-A",
            "1",
            emu.mount(2).toString());
    ChildProcess copytool =
        ChildProcess.start("jhsmtool", cmd, emu.environment(), tmp.resolve("copytool.log"));
    try {
      until(r -> r.out().contains("\"uuid\""), "agents", "--json");
      Path big = mnt.resolve("big");
      Files.write(big, new byte[3 << 20]);
      Path small = Files.writeString(mnt.resolve("small"), "small");

      Run archived =
          agentctl("archive", "--wait", "--timeout", "60", big.toString(), small.toString());
      assertThat(archived.code()).as(archived.err()).isZero();
      assertThat(archived.out())
          .contains(big + ": archived (0x00000009) exists archived, archive_id:1")
          .contains(small + ": archived (0x00000009)");
      Run released = agentctl("release", "--wait", big.toString());
      assertThat(released.out())
          .isEqualTo(big + ": released (0x0000000d) released exists archived, archive_id:1\n");
      Run restored = agentctl("restore", "--wait", "--timeout", "60", big.toString());
      assertThat(restored.code()).as(restored.err()).isZero();
      assertThat(restored.out()).startsWith(big + ": restored (0x00000009)");
      Run removed = agentctl("remove", "--wait", "--timeout", "60", small.toString());
      assertThat(removed.code()).as(removed.err()).isZero();
      assertThat(removed.out()).startsWith(small + ": removed (0x00000000)");
      assertThat(agentctl("why", big.toString()).out())
          .contains("nothing pending; last RESTORE SUCCEED");
      assertThat(agentctl("agents").out()).containsPattern("\\s1\\s+0\\s+4\\s+0\\s*$");
    } finally {
      copytool.stop(Duration.ofSeconds(30));
      copytool.close();
    }
  }

  @Test
  void sessionAgainstTheEmulator() throws Exception {
    Path mnt = emu.mount(1);
    Path f1 = Files.writeString(mnt.resolve("f1"), "one");
    Path f2 = Files.writeString(mnt.resolve("f2"), "two");
    Path outside = Files.writeString(tmp.resolve("outside"), "x");

    assertThat(agentctl("state", f1.toString()).out())
        .isEqualTo(f1 + ": (0x00000000), archive_id:0\n");
    Run archive = agentctl("archive", "--archive-id", "1", f1.toString(), f2.toString());
    assertThat(archive.code()).as(archive.err()).isZero();
    assertThat(agentctl("action", f1.toString()).out()).startsWith(f1 + ": ARCHIVE waiting");
    Run requests = agentctl("requests", "--json", "--status", "WAITING");
    assertThat(requests.out()).contains("\"action\":\"ARCHIVE\"").contains("\"archiveId\":1");
    assertThat(agentctl("why", f1.toString()).out())
        .contains("waits: no copytool is registered on lustre-MDT0000");
    assertThat(agentctl("agents", "--json").out()).isEqualTo("[]\n");

    assertThat(agentctl("coordinator", "disable").code()).isZero();
    until(r -> r.out().contains("disabled"), "coordinator", "status");
    assertThat(agentctl("why", f2.toString()).out())
        .contains("the coordinator of lustre-MDT0000 is disabled");
    assertThat(agentctl("coordinator", "enable").code()).isZero();
    until(r -> r.out().contains("enabled"), "coordinator", "status");

    assertThat(agentctl("tunables", "set", "max_requests=7").code()).isZero();
    until(r -> r.out().contains("\"value\":\"7\""), "tunables", "get", "--json", "max_requests");
    Run bad = agentctl("tunables", "set", "max_requests=0");
    assertThat(bad.code()).isEqualTo(ExitCode.USAGE);

    Run offLustre = agentctl("state", outside.toString());
    assertThat(offLustre.code()).isEqualTo(ExitCode.NOT_LUSTRE);
    assertThat(offLustre.err()).contains("not on a Lustre filesystem: " + outside);
    assertThat(agentctl("archive", mnt.resolve("nope").toString()).code())
        .isEqualTo(ExitCode.NOT_FOUND);
    assertThat(agentctl("release", f1.toString()).code()).isEqualTo(ExitCode.PERMISSION);
    assertThat(agentctl("set", "--dirty", f1.toString()).code()).isEqualTo(ExitCode.USAGE);

    assertThat(agentctl("coordinator", "purge").code()).isZero();
    until(r -> r.out().contains("CANCELED") && !r.out().contains("WAITING"), "requests");
    assertThat(agentctl("why", f1.toString()).out()).contains("was CANCELED");

    assertThat(agentctl("coordinator", "shutdown").code()).isZero();
    until(r -> r.out().contains("stopped"), "coordinator", "status");
    Run stopped = agentctl("archive", f2.toString());
    assertThat(stopped.code()).isEqualTo(ExitCode.COORDINATOR_UNAVAILABLE);
    assertThat(stopped.err()).contains("EAGAIN");
    assertThat(agentctl("coordinator", "enable").code()).isZero();
    until(r -> r.out().contains("enabled"), "coordinator", "status");
  }
}

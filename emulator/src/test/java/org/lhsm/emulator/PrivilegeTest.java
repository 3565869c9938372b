package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.server.Op;
import org.lhsm.emulator.testing.NobodyClient;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.InProcessEmulator;

/** Peer credentials: a client running as {@code nobody} gets EPERM for root operations. */
class PrivilegeTest {
  @TempDir Path dir;

  private static String classDir(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  @Test
  void nonOwnerIsRefusedRootOperations() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "needs root to run a client as nobody with setpriv");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv not installed");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (InProcessEmulator fx = EmulatorLauncher.create().under(dir).startInProcess()) {
      Files.setPosixFilePermissions(
          fx.dir().resolve("state"), PosixFilePermissions.fromString("rwxr-xr-x"));
      Path f = fx.file("owned-by-root", "x");
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
      Path ro = fx.file("read-only", "x");
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rw-r--r--"));
      List<String> cmd =
          List.of(
              "/usr/bin/setpriv",
              "--reuid=65534",
              "--regid=65534",
              "--clear-groups",
              ChildProcess.java(),
              "-XX:-UsePerfData",
              "-cp",
              classDir(Op.class) + ":" + classDir(NobodyClient.class),
              NobodyClient.class.getName(),
              fx.socket().toString(),
              fx.mount(1).toString(),
              f.toString(),
              ro.toString());
      Path log = dir.resolve("nobody.log");
      try (ChildProcess p = ChildProcess.start("nobody client", cmd, Map.of(), log)) {
        assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.logTail()).isZero();
      }
      assertThat(Files.readAllLines(log))
          .hasSize(2) // the command, then the client's one line
          .last()
          .isEqualTo(
              "register=-1 stateset_root=-1 stateset_user=0 stateset_readonly=-13 archive=-1"
                  + " copystart=-1 stateget=0");
      assertThat(fx.param("hsm/agents")).isEmpty();
      assertThat(fx.param("hsm/actions")).isEmpty();
    }
  }
}

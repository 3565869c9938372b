package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.InProcessEmulator;

/** The C emulation library's end-to-end client against this daemon. */
class NativeEndToEndTest {
  @TempDir Path dir;

  @Test
  void hsmApiClientArchivesReleasesRestoresAndRemoves() throws Exception {
    String nativeDir = System.getProperty("lhsm.native.dir");
    assumeTrue(nativeDir != null, "lhsm.native.dir not set");
    Path client = Path.of(nativeDir, "hsm-api-client");
    assumeTrue(Files.isExecutable(client), "hsm-api-client not built at " + client);
    try (InProcessEmulator fx = EmulatorLauncher.create().under(dir).startInProcess()) {
      byte[] data = new byte[300_000];
      new Random(42).nextBytes(data);
      Path file = fx.mount(1).resolve("data.bin");
      Files.write(file, data);
      Path archive = Files.createDirectories(dir.resolve("archive"));
      List<String> cmd =
          List.of(client.toString(), fx.mount(1).toString(), file.toString(), archive + "", "1");
      Path log = dir.resolve("hsm-api-client.log");
      Map<String, String> env = Map.of("HSM_API_CLIENT_TIMEOUT", "60");
      try (ChildProcess p = ChildProcess.start("hsm-api-client", cmd, env, log)) {
        assertThat(p.awaitExit(Duration.ofSeconds(120))).as(p.logTail()).isZero();
      }
      String out = Files.readString(log);
      assertThat(out)
          .contains("archive: states 0x9")
          .contains("release: states 0xd")
          .contains("restore: states 0x9")
          .contains("restore, fd opened before: states 0x9")
          .contains("remove: states 0x0");
      assertThat(Files.readAllBytes(file)).isEqualTo(data);
      String actions = fx.param("hsm/actions");
      assertThat(actions.lines()).hasSize(3).allMatch(l -> l.contains("status=SUCCEED"));
      assertThat(fx.param("hsm/agents")).isEmpty();
    }
  }
}

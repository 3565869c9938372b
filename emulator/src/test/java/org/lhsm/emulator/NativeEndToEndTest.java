package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
      ProcessBuilder pb =
          new ProcessBuilder(
                  client.toString(),
                  fx.mount(1).toString(),
                  file.toString(),
                  archive.toString(),
                  "1")
              .redirectErrorStream(true);
      pb.environment().put("HSM_API_CLIENT_TIMEOUT", "60");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out)
          .contains("archive: states 0x9")
          .contains("release: states 0xd")
          .contains("restore: states 0x9")
          .contains("remove: states 0x0");
      assertThat(Files.readAllBytes(file)).isEqualTo(data);
      String actions = fx.param("hsm/actions");
      assertThat(actions.lines()).hasSize(3).allMatch(l -> l.contains("status=SUCCEED"));
      assertThat(fx.param("hsm/agents")).isEmpty();
    }
  }
}

package org.lhsm.bench.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lhsm.bench.report.JsonParser;
import org.lhsm.bindings.ExtendedAttributes;
import org.lhsm.copytool.posix.PosixArchiveBackend;
import org.lhsm.emulator.testkit.ChildProcess;

/**
 * {@code bandwidth --bandwidth 2M --seconds 1} against the emulator: every requested file is
 * archived and verified, every byte counted, the report is consistent, the emulator is gone.
 */
class BandwidthSmokeIT {
  private static final long RATE = 2L << 20;
  private static final long CHUNK = 256L << 10;

  @Test
  @SuppressWarnings("unchecked")
  void aOneSecondRunArchivesTheExpectedFilesAndCountsEveryByte() throws Exception {
    Path dir = Harness.workDir("bandwidth");
    Path json = dir.resolve("report.json");
    ChildProcess.Result r =
        Harness.run(
            Duration.ofMinutes(3),
            Harness.onEmulator(
                "bandwidth",
                dir,
                "--bandwidth=2M",
                "--seconds=1",
                "--workers=4",
                "--chunk-size=256K",
                "--json-file=" + json,
                "--keep"));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).startsWith("bandwidth: limit 2 MiB/s, 4 workers");
    Map<String, Object> j = JsonParser.object(Files.readString(json, StandardCharsets.UTF_8));

    assertThat(j).containsEntry("benchmark", "bandwidth").containsEntry("enforced", false);
    assertThat(j.get("limitBytesPerSec")).isEqualTo((double) RATE);
    List<Map<String, Object>> files = (List<Map<String, Object>>) j.get("files");
    assertThat(files)
        .extracting(f -> f.get("name"))
        .containsExactly("f000", "f001", "f002", "f003", "f004", "f005", "f006", "f007");
    double sum = 0;
    double expectedChunks = 0;
    for (Map<String, Object> f : files) {
      double size = (Double) f.get("size");
      assertThat(f).containsEntry("archived", true).containsEntry("errno", 0.0);
      assertThat(f.get("bytesCopied")).isEqualTo(size);
      Path data = Path.of((String) f.get("archiveFile"));
      assertThat(data).isRegularFile().hasSize((long) size);
      assertThat(
              new String(
                  ExtendedAttributes.get(data, PosixArchiveBackend.CHECKSUM_XATTR).orElseThrow(),
                  StandardCharsets.US_ASCII))
          .startsWith("v1 alg=crc32c sum=" + f.get("crc32c") + " ");
      sum += size;
      expectedChunks += Math.ceil(size / CHUNK);
    }
    assertThat(sum).as("window plus a second of work").isGreaterThanOrEqualTo(2.0 * RATE);
    assertThat(j.get("bytesRequested")).isEqualTo(sum);
    assertThat(j.get("bytesCopied")).isEqualTo(sum);
    assertThat(j.get("chunks")).isEqualTo(expectedChunks);
    assertThat(j.get("kept")).isEqualTo(true);

    for (String which : List.of("moved", "released")) {
      Map<String, Object> w = (Map<String, Object>) j.get(which);
      List<Double> perSecond = (List<Double>) w.get("perSecondBytes");
      assertThat(perSecond).as(which).hasSize(1);
      assertThat(w.get("bytes")).isEqualTo(perSecond.get(0));
      assertThat((Double) w.get("bytesPerSec")).as(which).isPositive();
      assertThat(w.get("covered")).isEqualTo(true);
      assertThat(w.get("minPerSecond")).isEqualTo(perSecond.get(0));
      assertThat(w.get("maxPerSecond")).isEqualTo(perSecond.get(0));
      double dev = (Double) w.get("deviationPercent");
      assertThat(dev)
          .isCloseTo(
              ((Double) w.get("bytesPerSec") - RATE) * 100 / RATE,
              org.assertj.core.api.Assertions.within(1e-3));
    }
    Map<String, Object> whole = (Map<String, Object>) j.get("wholeRun");
    assertThat(whole.get("bytes")).isEqualTo(sum);
    assertThat((Double) whole.get("seconds")).isPositive();

    Harness.assertEmulatorStopped(j);
    Path emu = Path.of((String) j.get("emulatorDirectory"));
    assertThat(emu.resolve("state/emulator.sock")).as("socket removed at stop").doesNotExist();
    assertThat(emu.resolve("fs/bench/f000")).isRegularFile();
    org.lhsm.bench.report.FileTrees.delete(emu); // kept (--keep) for the checks above
  }
}

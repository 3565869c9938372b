package org.lhsm.faults.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureLogsTest {
  @TempDir Path dir;

  @Test
  void printsTheLastWarningsOfEachLogIncludingTheCopytoolsLevelLessLines() throws Exception {
    StringBuilder emu = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      emu.append("[emu-server] INFO cdt - ok ").append(i).append('\n');
      emu.append("[emu-server] WARN cdt - could not swap ").append(i).append('\n');
    }
    Files.createDirectories(dir.resolve("emu"));
    Files.writeString(dir.resolve("emu/emulator.log"), emu);
    Files.writeString(
        dir.resolve("copytool.log"),
        "jhsmtool: 1.0 jhsmtool[main]: ready\n"
            + "jhsmtool: 2.0 jhsmtool[ct-worker-0]: {0x1} archive of [0x1:0x2:0x0] failed: EIO\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    FailureLogs.print(List.of(dir), new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("last 12 of 20 warnings/errors in emu/emulator.log")
        .contains("could not swap 8\n")
        .contains("could not swap 19\n")
        .doesNotContain("could not swap 7\n")
        .doesNotContain("INFO")
        .contains("last 1 of 1 warnings/errors in copytool.log")
        .contains("archive of [0x1:0x2:0x0] failed: EIO")
        .doesNotContain("ready");
  }
}

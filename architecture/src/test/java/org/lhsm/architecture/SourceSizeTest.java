package org.lhsm.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSizeTest {
  @Test
  void noMainSourceFileIsOverTheLimit() {
    assertThat(SourceSize.oversized(SourceSize.projectRoot(), SourceSize.MAX_LINES)).isEmpty();
  }

  /** The rule flags a main file one line over the limit, and not a test file or one at it. */
  @Test
  void aFileOverTheLimitInMainCodeIsFlagged(@TempDir Path root) throws IOException {
    write(root.resolve("mod/src/main/java/a/Big.java"), SourceSize.MAX_LINES + 1);
    write(root.resolve("mod/src/main/java/a/AtLimit.java"), SourceSize.MAX_LINES);
    write(root.resolve("mod/src/test/java/a/BigTest.java"), SourceSize.MAX_LINES + 1);

    assertThat(SourceSize.oversized(root, SourceSize.MAX_LINES))
        .containsExactly(
            Path.of("mod/src/main/java/a/Big.java") + ": " + (SourceSize.MAX_LINES + 1) + " lines");
  }

  private static void write(Path file, int lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, Collections.nCopies(lines, "//"));
  }
}

package org.lhsm.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds Lustre's own {@code lhsmtool_posix} (package {@code lustre}): {@code
 * -Dlhsm.it.stockCopytool=PATH}, else the first one on {@code PATH} or in {@code /usr/sbin}. A
 * {@code lhsmtool_posix} that is jhsmtool's launcher under the stock name does not count.
 */
final class StockCopytool {
  private StockCopytool() {}

  static Optional<Path> find() {
    String given = System.getProperty("lhsm.it.stockCopytool", "");
    if (!given.isBlank()) {
      return Optional.of(Path.of(given));
    }
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
    for (String d : path.split(File.pathSeparator)) {
      if (d.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(d, "lhsmtool_posix");
      if (Files.isExecutable(candidate) && !isJhsmtool(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean isJhsmtool(Path candidate) {
    try {
      Path real = candidate.toRealPath();
      return real.getFileName().toString().contains("jhsmtool")
          || Files.readString(real).contains("jhsmtool");
    } catch (IOException | RuntimeException e) {
      return false; // a binary (not UTF-8 text) or unreadable: not our shell launcher
    }
  }
}

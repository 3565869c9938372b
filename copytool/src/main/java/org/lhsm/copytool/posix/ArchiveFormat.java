package org.lhsm.copytool.posix;

import java.util.Locale;

/** Archive directory layout, as {@code --archive-format} names it. */
public enum ArchiveFormat {
  V1,
  V2;

  /** Parses {@code v1}/{@code v2} (case-insensitive); IllegalArgumentException names the input. */
  public static ArchiveFormat parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "v1" -> V1;
      case "v2" -> V2;
      default ->
          throw new IllegalArgumentException(
              "invalid archive format '" + text + "' (expected v1 or v2)");
    };
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

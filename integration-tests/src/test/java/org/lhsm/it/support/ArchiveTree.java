package org.lhsm.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.lhsm.bindings.Fid;

/**
 * What a copytool left under its HSM root, read with the v1 layout of lhsmtool_posix (the
 * copytool's default): {@code <root>/<oid lo>/<oid hi>/<seq 0>/<seq 1>/<seq 2>/<seq 3>/<FID>}.
 */
public final class ArchiveTree {
  private ArchiveTree() {}

  /** The data file of {@code fid}, whether or not it exists. */
  public static Path dataFile(Path root, Fid fid) {
    long seq = fid.seq();
    int oid = fid.oid();
    String name =
        "0x"
            + Long.toHexString(seq)
            + ":0x"
            + Integer.toHexString(oid)
            + ":0x"
            + Integer.toHexString(fid.ver());
    return root.resolve(hex4(oid))
        .resolve(hex4(oid >>> 16))
        .resolve(hex4(seq))
        .resolve(hex4(seq >>> 16))
        .resolve(hex4(seq >>> 32))
        .resolve(hex4(seq >>> 48))
        .resolve(name);
  }

  private static String hex4(long v) {
    return String.format("%04x", v & 0xFFFF);
  }

  /** Every regular file outside {@code shadow/}: data files, side files, temporaries. */
  public static List<Path> files(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    Path shadow = root.resolve("shadow");
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !p.startsWith(shadow))
          .filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .toList();
    }
  }

  /** Data files only (no {@code .lov}, checksum side files, or {@code _tmp} copies). */
  public static List<Path> dataFiles(Path root) throws IOException {
    return files(root).stream()
        .filter(p -> p.getFileName().toString().matches("0x[0-9a-f]+:0x[0-9a-f]+:0x[0-9a-f]+"))
        .toList();
  }

  /** Copies in progress or abandoned ({@code <data>_tmp}). */
  public static List<Path> temporaries(Path root) throws IOException {
    return files(root).stream().filter(p -> p.getFileName().toString().contains("_tmp")).toList();
  }
}

package org.lhsm.copytool.posix;

import java.nio.file.Path;
import java.util.Locale;
import org.lhsm.bindings.Fid;

/**
 * Where lhsmtool_posix keeps the archived copy of a FID. The formulas are part of the on-disk
 * format shared with the stock tool; see the compat spec §6.1.
 */
public final class ArchivePaths {
  static final String TMP_SUFFIX = "_tmp";
  static final String REMOVING_SUFFIX = "_rm";
  static final String LOV_SUFFIX = ".lov";
  static final String CHECKSUM_SUFFIX = ".cksum";
  static final String SHADOW_DIR = "shadow";

  private final Path root;
  private final ArchiveFormat format;

  public ArchivePaths(Path root, ArchiveFormat format) {
    this.root = root;
    this.format = format;
  }

  public Path root() {
    return root;
  }

  public ArchiveFormat format() {
    return format;
  }

  private static String hex4(long v) {
    return String.format(Locale.ROOT, "%04x", v & 0xFFFF);
  }

  /** Data path relative to the root, with '/' separators. */
  public static String relativeDataPath(Fid fid, ArchiveFormat format) {
    long seq = fid.seq();
    long oid = Integer.toUnsignedLong(fid.oid());
    String name = fid.toNoBraceString();
    if (format == ArchiveFormat.V2) {
      long h = (oid ^ seq) & 0xFFFFFFFFL;
      return hex4(h) + "/" + name;
    }
    return hex4(oid)
        + "/"
        + hex4(oid >>> 16)
        + "/"
        + hex4(seq)
        + "/"
        + hex4(seq >>> 16)
        + "/"
        + hex4(seq >>> 32)
        + "/"
        + hex4(seq >>> 48)
        + "/"
        + name;
  }

  public String relativeDataPath(Fid fid) {
    return relativeDataPath(fid, format);
  }

  public Path dataPath(Fid fid) {
    return root.resolve(relativeDataPath(fid));
  }

  public static Path withSuffix(Path p, String suffix) {
    return p.resolveSibling(p.getFileName().toString() + suffix);
  }

  public Path tmpPath(Fid fid) {
    return withSuffix(dataPath(fid), TMP_SUFFIX);
  }

  /** Where a REMOVE puts the data file until the coordinator accepted its end. */
  public static Path removingPath(Path data) {
    return withSuffix(data, REMOVING_SUFFIX);
  }

  public static Path lovPath(Path data) {
    return withSuffix(data, LOV_SUFFIX);
  }

  public static Path checksumPath(Path data) {
    return withSuffix(data, CHECKSUM_SUFFIX);
  }

  public Path shadowRoot() {
    return root.resolve(SHADOW_DIR);
  }
}

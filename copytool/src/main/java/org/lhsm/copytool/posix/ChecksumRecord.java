package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.lhsm.bindings.ExtendedAttributes;

/**
 * The checksum of one archive file, kept on that file in the extended attribute {@link #XATTR} and
 * bound to it by its {@link FileIdentity}: {@code v1 alg=crc32c sum=<hex> size=<bytes> ino=<n>
 * btime=<sec>.<nanos>|-}. Only the record of the file itself ({@link FileIdentity#matches}) is
 * trusted; one copied onto another file by another tool is not that file's.
 *
 * @param owner the file the record was written for
 */
public record ChecksumRecord(
    ChecksumAlgorithm algorithm, String hex, long size, FileIdentity owner) {
  /** The extended attribute holding the record. */
  static final String XATTR = PosixArchiveBackend.CHECKSUM_XATTR;

  private static final String VERSION = "v1";

  String format() {
    return VERSION
        + " alg="
        + algorithm.fileName()
        + " sum="
        + hex
        + " size="
        + size
        + " "
        + owner.format();
  }

  byte[] toXattr() {
    return format().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The record on archive file {@code data}, if it has one this version can read (whether it is
   * {@code data}'s own is {@link FileIdentity#matches}'s question).
   */
  public static Optional<ChecksumRecord> read(Path data) throws IOException {
    Optional<byte[]> v = ExtendedAttributes.get(data, XATTR);
    return v.isEmpty() ? Optional.empty() : parse(v.get());
  }

  /** Parses a record; empty when the text is not one this version wrote. */
  static Optional<ChecksumRecord> parse(byte[] value) {
    String text = new String(value, StandardCharsets.US_ASCII).strip();
    String[] f = text.split(" ");
    if (f.length != 6 || !f[0].equals(VERSION)) {
      return Optional.empty();
    }
    Map<String, String> kv = new HashMap<>();
    for (int i = 1; i < f.length; i++) {
      int eq = f[i].indexOf('=');
      if (eq <= 0) {
        return Optional.empty();
      }
      kv.put(f[i].substring(0, eq), f[i].substring(eq + 1));
    }
    try {
      ChecksumAlgorithm alg = ChecksumAlgorithm.parse(kv.getOrDefault("alg", ""));
      String hex = kv.getOrDefault("sum", "");
      if (alg == ChecksumAlgorithm.NONE || !hex.matches("[0-9a-f]{8,128}")) {
        return Optional.empty();
      }
      long size = Long.parseLong(kv.getOrDefault("size", ""));
      long ino = Long.parseLong(kv.getOrDefault("ino", ""));
      String bt = kv.getOrDefault("btime", "");
      Optional<Instant> birth = Optional.empty();
      if (!bt.equals("-")) {
        int dot = bt.indexOf('.');
        if (dot <= 0 || bt.length() - dot - 1 != 9) {
          return Optional.empty();
        }
        birth =
            Optional.of(
                Instant.ofEpochSecond(
                    Long.parseLong(bt.substring(0, dot)), Long.parseLong(bt.substring(dot + 1))));
      }
      if (size < 0) {
        return Optional.empty();
      }
      return Optional.of(new ChecksumRecord(alg, hex, size, new FileIdentity(ino, birth)));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}

package org.lhsm.copytool.posix;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * Checksum kept beside each archive file ({@code <data>.cksum}) and verified on restore. CRC32C is
 * the default: the JDK computes it with the CPU's CRC instruction at many GB/s, so it never limits
 * a copy, and it catches the failures an archive actually suffers (bit rot, truncation, torn
 * writes). SHA-256 is available when tamper evidence matters more than speed.
 */
public enum ChecksumAlgorithm {
  CRC32C,
  SHA256,
  NONE;

  public static ChecksumAlgorithm parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT).replace("-", "")) {
      case "crc32c" -> CRC32C;
      case "sha256" -> SHA256;
      case "none" -> NONE;
      default ->
          throw new IllegalArgumentException(
              "invalid checksum '" + text + "' (expected crc32c, sha256 or none)");
    };
  }

  public String fileName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A fresh accumulator; null for {@link #NONE}. */
  public Accumulator newAccumulator() {
    return switch (this) {
      case CRC32C -> new Crc32cAccumulator();
      case SHA256 -> new DigestAccumulator();
      case NONE -> null;
    };
  }

  /** Running checksum over the bytes of one copy. */
  public interface Accumulator {
    /** Consumes the buffer's remaining bytes without moving its position. */
    void update(ByteBuffer data);

    String hex();
  }

  private static final class Crc32cAccumulator implements Accumulator {
    private final CRC32C crc = new CRC32C();

    @Override
    public void update(ByteBuffer data) {
      crc.update(data.duplicate());
    }

    @Override
    public String hex() {
      return String.format(Locale.ROOT, "%08x", crc.getValue());
    }
  }

  private static final class DigestAccumulator implements Accumulator {
    private final MessageDigest digest;

    DigestAccumulator() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 missing from the JDK", e);
      }
    }

    @Override
    public void update(ByteBuffer data) {
      digest.update(data.duplicate());
    }

    @Override
    public String hex() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}

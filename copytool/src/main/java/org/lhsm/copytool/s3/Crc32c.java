package org.lhsm.copytool.s3;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * CRC32C values in the forms S3 uses: base64 of the 4 big-endian bytes ({@code
 * x-amz-checksum-crc32c}), and the multipart "composite" checksum, the CRC32C of the parts' CRC32Cs
 * followed by {@code -<parts>}.
 */
final class Crc32c {
  private Crc32c() {}

  static String base64(int crc) {
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt(crc).array());
  }

  static String hex(int crc) {
    return HexFormat.of().toHexDigits(crc);
  }

  static int parseHex(String hex) {
    return (int) Long.parseLong(hex, 16);
  }

  /** The CRC32C of {@code b}'s remaining bytes; {@code b} is not moved. */
  static int of(ByteBuffer b) {
    CRC32C c = new CRC32C();
    c.update(b.duplicate());
    return (int) c.getValue();
  }

  /** Accumulates the composite checksum of a multipart object, part by part, in order. */
  static final class Composite {
    private final CRC32C outer = new CRC32C();
    private int parts;

    void addPart(int partCrc) {
      outer.update(ByteBuffer.allocate(4).putInt(partCrc).flip());
      parts++;
    }

    int parts() {
      return parts;
    }

    /** As S3 reports it: {@code <base64>-<parts>}. */
    String value() {
      return base64((int) outer.getValue()) + "-" + parts;
    }
  }
}

package org.lhsm.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Files with seeded pseudo-random content, compared by SHA-256 (not held in memory). */
public final class TestData {
  private TestData() {}

  /** Writes {@code size} bytes derived from {@code seed}; returns their SHA-256. */
  public static String write(Path file, long size, long seed) throws IOException {
    Random r = new Random(seed);
    byte[] buf = new byte[64 * 1024];
    MessageDigest md = sha256();
    try (OutputStream out = Files.newOutputStream(file)) {
      long left = size;
      while (left > 0) {
        int n = (int) Math.min(buf.length, left);
        r.nextBytes(buf);
        out.write(buf, 0, n);
        md.update(buf, 0, n);
        left -= n;
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  public static String sha256(Path file) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** True if every byte of the file is zero (what a released file reads as on the emulator). */
  public static boolean allZero(Path file) throws IOException {
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buf[i] != 0) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without SHA-256", e);
    }
  }
}

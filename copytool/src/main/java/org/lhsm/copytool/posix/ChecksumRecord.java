package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;

/**
 * Content of a {@code .cksum} side file: one line {@code <algorithm> <hex> <size>}. Written next to
 * the data file and renamed with it.
 */
public record ChecksumRecord(ChecksumAlgorithm algorithm, String hex, long size) {

  public String format() {
    return algorithm.fileName() + " " + hex + " " + size + "\n";
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, format(), StandardCharsets.US_ASCII);
  }

  /** Reads a side file; empty if it does not exist. A malformed file is an EIO error. */
  public static Optional<ChecksumRecord> read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String[] f = text.split("\\s+");
    try {
      if (f.length != 3) {
        throw new IllegalArgumentException("expected 3 fields");
      }
      return Optional.of(
          new ChecksumRecord(ChecksumAlgorithm.parse(f[0]), f[1], Long.parseLong(f[2])));
    } catch (IllegalArgumentException e) {
      throw new LustreException("malformed checksum file '" + file + "'", null, Errno.EIO, e);
    }
  }
}

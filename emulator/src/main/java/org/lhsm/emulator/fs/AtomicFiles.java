package org.lhsm.emulator.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Whole-file replacement through a temporary file and rename, fsynced. */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path target, String text) throws IOException {
    write(target, text, true);
  }

  /** Writes {@code text} to {@code target} atomically; {@code sync} forces data to disk. */
  public static void write(Path target, String text, boolean sync) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      if (sync) {
        ch.force(true);
      }
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** {@link #write(Path, String)}, and the rename made durable too (fsync of the directory). */
  public static void writeDurably(Path target, String text) throws IOException {
    write(target, text, true);
    try (FileChannel d = FileChannel.open(target.toAbsolutePath().getParent())) {
      d.force(true);
    } catch (IOException e) {
      // some filesystems refuse fsync on a directory; the rename itself has happened
    }
  }
}

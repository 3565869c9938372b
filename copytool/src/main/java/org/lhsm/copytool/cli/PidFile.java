package org.lhsm.copytool.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;

/**
 * {@code --pid-file}: created 0600, write-locked (an fcntl lock on Linux, as the stock tool takes),
 * truncated and filled with this process's PID. Held until the process exits.
 */
final class PidFile implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private PidFile(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static PidFile acquire(Path file, long pid) throws IOException {
    FileChannel ch =
        FileChannel.open(
            file,
            java.util.Set.of(
                StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      FileLock l = ch.tryLock();
      if (l == null) {
        throw new LustreException(
            "cannot lock pid file '" + file + "': held by another process",
            null,
            Errno.EAGAIN,
            null);
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      ch.force(true);
      return new PidFile(ch, l);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}

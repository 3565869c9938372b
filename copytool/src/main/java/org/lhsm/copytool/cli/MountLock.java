package org.lhsm.copytool.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;

/**
 * One jhsmtool per client mount. Lustre (2.16) accepts a second copytool on a mount and writes
 * every action list sent to that mount to both, so two jhsmtools there would each copy every file:
 * two writers of one archive object. A write lock on {@code <lock dir>/client-<UUID>.lock}, keyed
 * by the mount's client UUID (what the coordinator knows the agent by, whatever path reaches the
 * mount), held for the life of the process (the kernel drops it when the process dies, so a restart
 * after kill -9 takes it at once), keeps the second one out; the file holds the holder's PID for
 * the message.
 */
final class MountLock implements AutoCloseable {
  /** {@code --lock-dir} default: tmpfs, cleared at boot, root's on every distribution we target. */
  static final Path DEFAULT_DIR = Path.of("/run/lock/jhsmtool");

  private final FileChannel channel;
  private final FileLock lock;
  private final Path file;

  private MountLock(FileChannel channel, FileLock lock, Path file) {
    this.channel = channel;
    this.lock = lock;
    this.file = file;
  }

  Path file() {
    return file;
  }

  /**
   * Takes the lock of {@code mount}, whose client UUID is {@code clientUuid}, in {@code dir}
   * (created if missing).
   *
   * @throws LustreException EEXIST naming the holder when another jhsmtool serves the mount
   * @throws IOException the lock file cannot be created or locked
   */
  static MountLock acquire(Path dir, Path mount, String clientUuid, long pid) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(fileName(clientUuid));
    FileChannel ch =
        FileChannel.open(
            file,
            Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE));
    try {
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null; // another copytool in this JVM holds it
      }
      if (l == null) {
        throw new LustreException(
            "another jhsmtool already serves '"
                + mount
                + "' (pid "
                + holder(ch)
                + ", lock '"
                + file
                + "'): Lustre would send each of its actions to both copytools",
            null,
            Errno.EEXIST,
            null);
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      return new MountLock(ch, l, file);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** {@code client-<UUID>.lock}, any character of the UUID outside [A-Za-z0-9_.-] as %XX. */
  static String fileName(String clientUuid) {
    StringBuilder b = new StringBuilder("client-");
    for (byte x : clientUuid.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '.'
          || c == '-') {
        b.append(c);
      } else {
        b.append(String.format(java.util.Locale.ROOT, "%%%02X", x & 0xff));
      }
    }
    return b + ".lock";
  }

  private static String holder(FileChannel ch) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(32);
      ch.read(buf, 0);
      String s = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
      return s.isEmpty() ? "unknown" : s;
    } catch (IOException e) {
      return "unknown";
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

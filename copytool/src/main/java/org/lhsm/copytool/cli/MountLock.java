package org.lhsm.copytool.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;

/**
 * One jhsmtool per archive id on a client mount. Lustre (2.16) accepts a second copytool on a mount
 * and writes every action list sent to that mount to all of them; each one's library drops the
 * lists of archives it did not register for. So two jhsmtools serving a common archive id on one
 * mount would both copy the same files (two writers of one archive object), while copytools of
 * different archive ids there are fine (sanity-hsm 260b/c run two). Each archive id is one byte of
 * {@code <lock dir>/client-<UUID>.lock}, keyed by the mount's client UUID (what the coordinator
 * knows the agent by, whatever path reaches the mount); a copytool of every archive locks them all.
 * The write locks are fcntl record locks held for the life of the process: the kernel drops them
 * when it dies, so a restart after kill -9 takes them at once.
 */
final class MountLock implements AutoCloseable {
  /** {@code --lock-dir} default: tmpfs, cleared at boot, root's on every distribution we target. */
  static final Path DEFAULT_DIR = Path.of("/run/lock/jhsmtool");

  private final FileChannel channel;
  private final List<FileLock> locks;
  private final Path file;

  private MountLock(FileChannel channel, List<FileLock> locks, Path file) {
    this.channel = channel;
    this.locks = locks;
    this.file = file;
  }

  Path file() {
    return file;
  }

  /**
   * Locks {@code archiveIds} (empty: every archive) of {@code mount}, whose client UUID is {@code
   * clientUuid}, in {@code dir} (created if missing).
   *
   * @throws LustreException EEXIST naming the holder when another jhsmtool serves one of them there
   * @throws IOException the lock file cannot be created or locked
   */
  static MountLock acquire(Path dir, Path mount, String clientUuid, List<Integer> archiveIds)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(fileName(clientUuid));
    FileChannel ch =
        FileChannel.open(
            file,
            Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE));
    List<FileLock> held = new ArrayList<>();
    try {
      for (long[] range : ranges(archiveIds)) {
        FileLock l;
        try {
          l = ch.tryLock(range[0], range[1], false);
        } catch (OverlappingFileLockException e) {
          l = null; // another copytool in this JVM holds it
        }
        if (l == null) {
          throw new LustreException(
              "another jhsmtool already serves "
                  + (range[1] == 1 ? "archive " + range[0] : "an archive")
                  + " of this copytool on '"
                  + mount
                  + "' ("
                  + holders(file, range)
                  + ", lock '"
                  + file
                  + "'): Lustre would send each of its actions to both copytools",
              null,
              Errno.EEXIST,
              null);
        }
        held.add(l);
      }
      return new MountLock(ch, held, file);
    } catch (IOException | RuntimeException e) {
      ch.close(); // releases what was taken
      throw e;
    }
  }

  /** Byte ranges {offset, length}: archive id N is byte N; every archive is all of them. */
  static List<long[]> ranges(List<Integer> archiveIds) {
    List<long[]> out = new ArrayList<>();
    if (archiveIds.isEmpty() || archiveIds.contains(0)) {
      out.add(new long[] {0, Long.MAX_VALUE});
      return out;
    }
    for (int id : new TreeSet<>(archiveIds)) {
      out.add(new long[] {Integer.toUnsignedLong(id), 1});
    }
    return out;
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

  /** The PIDs holding a write lock on {@code range} of {@code file}, from {@code /proc/locks}. */
  private static String holders(Path file, long[] range) {
    try {
      long ino = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
      TreeSet<String> pids = new TreeSet<>();
      for (String line : Files.readAllLines(Path.of("/proc/locks"), StandardCharsets.US_ASCII)) {
        // "1: POSIX  ADVISORY  WRITE 1234 fe:00:5678 3 3" (end EOF: to the end of the file)
        String[] f = line.trim().split("\\s+");
        if (f.length < 8 || !f[1].equals("POSIX") || !f[3].equals("WRITE")) {
          continue;
        }
        String[] dev = f[5].split(":");
        if (dev.length != 3 || Long.parseLong(dev[2]) != ino) {
          continue;
        }
        long start = Long.parseLong(f[6]);
        long end = f[7].equals("EOF") ? Long.MAX_VALUE : Long.parseLong(f[7]);
        long last = range[1] == Long.MAX_VALUE ? Long.MAX_VALUE : range[0] + range[1] - 1;
        if (start <= last && range[0] <= end) {
          pids.add(f[4]);
        }
      }
      return pids.isEmpty() ? "holder unknown" : "pid " + String.join(", ", pids);
    } catch (IOException | RuntimeException e) {
      return "holder unknown";
    }
  }

  @Override
  public void close() throws IOException {
    try {
      for (FileLock l : locks) {
        l.release();
      }
    } finally {
      channel.close();
    }
  }
}

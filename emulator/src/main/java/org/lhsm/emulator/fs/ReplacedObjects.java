package org.lhsm.emulator.fs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lhsm.emulator.codec.Fid;

/**
 * The objects a restore replaced, by inode and birth time, with the FID of the file they were.
 *
 * <p>On Lustre a restore swaps layouts and the file keeps its inode, so a descriptor opened before
 * the restore still names the file after it. Here the restore renames the volatile file over the
 * file: a descriptor opened before names an unlinked object, its {@code /proc/self/fd} path ends in
 * {@code (deleted)}. Calls on such a descriptor (state, current action, data version, fd2fid) find
 * the file through this table. Bounded: the oldest entries go first, an entry whose inode the
 * daemon sees holding a live object goes at once (inode numbers are reused), and entries are not
 * kept across a restart.
 */
final class ReplacedObjects {
  private static final int CAPACITY = 4096;

  private record Entry(long birthTimeNs, Fid fid) {}

  private final Map<Long, Entry> byIno =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
          return size() > CAPACITY;
        }
      };

  /** The object on {@code ino} (born at {@code birthTimeNs}, 0 unknown) was file {@code fid}. */
  void replaced(long ino, long birthTimeNs, Fid fid) {
    byIno.put(ino, new Entry(birthTimeNs, fid));
  }

  /** {@code ino} now holds a live object: it is no replaced one. */
  void live(long ino) {
    byIno.remove(ino);
  }

  /**
   * The FID of the file whose replaced object is on {@code ino}, or null. Birth times are compared
   * when both are known (the descriptor's object may be a later one on a reused inode).
   */
  Fid fileOf(long ino, long birthTimeNs) {
    Entry e = byIno.get(ino);
    if (e == null) {
      return null;
    }
    if (e.birthTimeNs() != 0 && birthTimeNs != 0 && e.birthTimeNs() != birthTimeNs) {
      return null;
    }
    return e.fid();
  }

  int size() {
    return byIno.size();
  }
}

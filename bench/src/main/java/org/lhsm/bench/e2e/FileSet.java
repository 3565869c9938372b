package org.lhsm.bench.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmState;

/**
 * Files of one size in the emulated file system, made once and archived again in every case: before
 * each case the harness marks them dirty (untimed), as a user's rewrite would.
 *
 * @param label e.g. {@code 10000 x 4 KiB}
 * @param files the paths on the client mount
 * @param fids their FIDs, in the same order
 * @param size bytes per file
 */
record FileSet(String label, List<Path> files, List<Fid> fids, long size) {

  /** {@code count} files of {@code size} pseudo-random bytes in {@code dir}, not fsync'd. */
  static FileSet create(String label, Path dir, int count, long size, long seed)
      throws IOException {
    Files.createDirectories(dir);
    SplittableRandom random = new SplittableRandom(seed);
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    List<Path> files = new ArrayList<>(count);
    List<Fid> fids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      buf.clear();
      while (buf.remaining() >= Long.BYTES) {
        buf.putLong(random.nextLong());
      }
      buf.clear();
      Path f = dir.resolve(String.format(Locale.ROOT, "f%05d", i));
      try (FileChannel out =
          FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        while (buf.hasRemaining()) {
          out.write(buf);
        }
      }
      files.add(f);
      fids.add(HsmClient.path2fid(f));
    }
    return new FileSet(label, List.copyOf(files), List.copyOf(fids), size);
  }

  /** A set of the one big file made by the caller. */
  static FileSet single(String label, Path file, long size) throws IOException {
    return new FileSet(label, List.of(file), List.of(HsmClient.path2fid(file)), size);
  }

  long bytes() {
    return size * files.size();
  }

  /** Marks every archived file dirty, so that the next archive copies it again (untimed). */
  void dirty() throws IOException {
    for (Path f : files) {
      if (HsmClient.state(f).states().contains(HsmState.ARCHIVED)) {
        HsmClient.setState(f, EnumSet.of(HsmState.DIRTY), Set.of(), 0);
      }
    }
  }
}

package org.lhsm.copytool.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.CopytoolShutdownException;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.BeginOptions;
import org.lhsm.copytool.core.SourceAttributes;

/**
 * The action source of {@link CdsTraining}: two lists, encoded and decoded as the library's are
 * (archive two files; then restore one and remove the other), each sent once the previous one has
 * ended, then a kernel shutdown. Files live in its own directory.
 */
final class CdsTrainingSource implements ActionSource {
  static final String FSNAME = "training";
  static final int ACTIONS = 4;

  private static final long BIG = (2L << 20) + 13;
  private static final long SMALL = 4096;

  private final Path fs;
  private final Object lock = new Object();
  private int sent; // lists
  private int ended; // actions

  CdsTrainingSource(Path fs) throws IOException {
    this.fs = fs;
    write(file(fid(1)), BIG);
    write(file(fid(2)), SMALL);
  }

  private static Fid fid(int oid) {
    return new Fid(0x200000401L, oid, 0);
  }

  private Path file(Fid f) {
    return fs.resolve(f.toNoBraceString());
  }

  private static void write(Path f, long size) throws IOException {
    SplittableRandom r = new SplittableRandom(size);
    ByteBuffer b = ByteBuffer.allocate((int) size);
    while (b.hasRemaining()) {
      b.put((byte) r.nextInt());
    }
    Files.write(f, b.array());
  }

  boolean allEnded() {
    synchronized (lock) {
      return ended == ACTIONS;
    }
  }

  int ended() {
    synchronized (lock) {
      return ended;
    }
  }

  @Override
  public Optional<HsmActionList> receive(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        if (sent == 0 || (sent == 1 && ended == 2)) {
          sent++;
          return Optional.of(decoded(sent));
        }
        if (sent == 2 && ended == ACTIONS) {
          throw new CopytoolShutdownException("training done", null);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    }
  }

  /** List {@code n}, through the bindings' encoder and decoder (as received from the library). */
  private static HsmActionList decoded(int n) throws IOException {
    List<HsmActionItem> items =
        n == 1
            ? List.of(item(CopytoolAction.ARCHIVE, 1), item(CopytoolAction.ARCHIVE, 2))
            : List.of(item(CopytoolAction.RESTORE, 1), item(CopytoolAction.REMOVE, 2));
    byte[] wire = new HsmActionList(HsmActionList.VERSION, FSNAME, 1, 0, items).encode();
    return HsmActionList.decode(ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN));
  }

  private static HsmActionItem item(CopytoolAction a, int oid) {
    return new HsmActionItem(
        a, fid(oid), fid(oid), HsmExtent.whole(), 16L * oid + a.ordinal(), 0, null);
  }

  @Override
  public void wakeup() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  @Override
  public void stopReceiving() {}

  @Override
  public ActionHandle begin(HsmActionItem item, BeginOptions options) {
    return new Handle(item);
  }

  @Override
  public ActionHandle beginError(HsmActionItem item) {
    return new Handle(item);
  }

  @Override
  public String mountDescription() {
    return fs.toString();
  }

  @Override
  public void close() {}

  /** ARCHIVE reads the file, RESTORE writes {@code <file>.restored}. */
  private final class Handle implements ActionHandle {
    private final HsmActionItem item;

    Handle(HsmActionItem item) {
      this.item = item;
    }

    @Override
    public Fid dataFid() {
      return item.fid();
    }

    @Override
    public FileChannel openDataChannel() throws IOException {
      Path f = file(item.fid());
      return item.action() == CopytoolAction.RESTORE
          ? FileChannel.open(
              f.resolveSibling(f.getFileName() + ".restored"),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE)
          : FileChannel.open(f, StandardOpenOption.READ);
    }

    @Override
    public void progress(long offset, long length, long total) {}

    @Override
    public void end(long offset, long length, boolean retry, int errno) {
      synchronized (lock) {
        if (errno == 0) {
          ended++;
        }
        lock.notifyAll();
      }
    }

    @Override
    public SourceAttributes sourceAttributes() throws IOException {
      Path f = file(item.fid());
      long mtime = Files.getLastModifiedTime(f).toMillis() / 1000;
      return new SourceAttributes(
          (Integer) Files.getAttribute(f, "unix:mode"),
          (Integer) Files.getAttribute(f, "unix:uid"),
          (Integer) Files.getAttribute(f, "unix:gid"),
          mtime,
          mtime,
          Files.size(f));
    }

    @Override
    public Map<String, byte[]> sourceXattrs() {
      return Map.of();
    }

    @Override
    public Optional<byte[]> sourceLayout() {
      return Optional.empty();
    }

    @Override
    public Optional<String> relativePath() {
      return Optional.of("training/" + item.fid().toNoBraceString());
    }

    @Override
    public String dataDescription() {
      return file(item.fid()).toString();
    }
  }
}

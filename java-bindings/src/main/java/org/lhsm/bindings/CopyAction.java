package org.lhsm.bindings;

import com.sun.jna.Memory;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.channels.FileChannel;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lhsm.bindings.internal.Errors;
import org.lhsm.bindings.internal.FdFileChannel;
import org.lhsm.bindings.internal.NativeAccess;
import org.lhsm.bindings.internal.NativeStructs;
import org.lhsm.bindings.internal.Xattrs;
import org.lhsm.bindings.raw.HsmCopyactionPrivate;
import org.lhsm.bindings.raw.LibLustreApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One action in progress ({@code hsm_copyaction_private}). Report progress, then end it exactly
 * once; {@link #close()} ends an action that was not ended with ECANCELED. Methods are
 * synchronized; one thread normally drives an action.
 */
public final class CopyAction implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CopyAction.class);
  private static final Cleaner CLEANER = Cleaner.create();

  private final LibLustreApi api;
  private final HsmActionItem item;
  private final String target;
  private final LeakState leak;
  private final Cleaner.Cleanable cleanable;
  private HsmCopyactionPrivate handle;
  private boolean ended;

  private static final class LeakState implements Runnable {
    private final String target;
    volatile boolean ended;

    LeakState(String target) {
      this.target = target;
    }

    @Override
    public void run() {
      if (!ended) {
        LOG.warn("CopyAction for {} was never ended: the coordinator will time it out", target);
      }
    }
  }

  private CopyAction(LibLustreApi api, HsmActionItem item, HsmCopyactionPrivate handle) {
    this.api = api;
    this.item = item;
    this.handle = handle;
    this.target = item.fid().toString();
    this.leak = new LeakState(target);
    this.cleanable = CLEANER.register(this, leak);
  }

  static CopyAction begin(
      CopytoolSession session, HsmActionItem item, int mdtIndex, int openFlags, boolean isError)
      throws IOException {
    LibLustreApi api = session.api();
    byte[] bytes = item.encode();
    PointerByReference ref = new PointerByReference();
    try (Memory hai = new Memory(bytes.length)) {
      hai.write(0, bytes, 0, bytes.length);
      int rc = api.llapi_hsm_action_begin(ref, session.handle(), hai, mdtIndex, openFlags, isError);
      Errors.check(rc, "llapi_hsm_action_begin", item.fid().toString());
    }
    return new CopyAction(api, item, new HsmCopyactionPrivate(ref.getValue()));
  }

  /** The item this action works on. */
  public HsmActionItem item() {
    return item;
  }

  /** The data FID: ARCHIVE the file itself, RESTORE the volatile file receiving the data. */
  public synchronized Fid dataFid() throws IOException {
    try (Memory fid = NativeStructs.zeroed(16)) {
      Errors.check(api.llapi_hsm_action_get_dfid(live(), fid), "llapi_hsm_action_get_dfid", target);
      return NativeStructs.readFid(fid, 0);
    }
  }

  /**
   * A channel on the data: read-only on the source for ARCHIVE, read-write on the volatile file for
   * RESTORE. It does its I/O on a duplicate of the library's own descriptor (so with the library's
   * open flags, e.g. O_NOATIME, and on the volatile file the coordinator will swap in), never on a
   * second open of the file. The caller closes it; the library keeps its own fd open until end.
   */
  public synchronized FileChannel openDataChannel() throws IOException {
    return FdFileChannel.take(dataFd(), item.action() == CopytoolAction.RESTORE, target);
  }

  /**
   * An extended attribute of the data file (ARCHIVE: the Lustre file, e.g. its {@code lustre.lov}
   * layout), read through the action's fd. Empty when the file has no such attribute or its
   * filesystem does not support the namespace.
   *
   * @throws LustreException with the errno for any other failure
   */
  public synchronized Optional<byte[]> readXattr(String name) throws IOException {
    int fd = dataFd();
    try {
      return Xattrs.read(fd, name, target);
    } finally {
      NativeAccess.libc().close(fd);
    }
  }

  /**
   * Every extended attribute the data file lists (ARCHIVE: the Lustre file's {@code user.*}, {@code
   * security.*}, {@code trusted.*}, {@code lustre.lov}, ACLs, as far as this process may see them),
   * read through the action's fd, in listing order.
   *
   * @throws LustreException with the errno for a failure other than "no such attribute"
   */
  public synchronized Map<String, byte[]> readXattrs() throws IOException {
    int fd = dataFd();
    try {
      return Xattrs.readAll(fd, target);
    } finally {
      NativeAccess.libc().close(fd);
    }
  }

  /**
   * Sets an extended attribute on the RESTORE volatile file through the action's fd: for {@code
   * lustre.lov}, begin with {@code O_LOV_DELAY_CREATE} and call this before writing any data.
   *
   * @throws IllegalStateException if this is not a RESTORE (the Lustre file itself is never
   *     modified)
   * @throws LustreException with the errno (e.g. EINVAL for a layout the filesystem rejects)
   */
  public synchronized void writeXattr(String name, byte[] value) throws IOException {
    if (item.action() != CopytoolAction.RESTORE) {
      throw new IllegalStateException(
          "writeXattr is for the volatile file of a RESTORE, not " + item.action());
    }
    int fd = dataFd();
    try {
      Xattrs.write(fd, name, value, target);
    } finally {
      NativeAccess.libc().close(fd);
    }
  }

  private int dataFd() throws IOException {
    return Errors.check(api.llapi_hsm_action_get_fd(live()), "llapi_hsm_action_get_fd", target);
  }

  /**
   * Reports the bytes copied since the last report.
   *
   * @param total the expected total, used only for the event FIFO
   * @throws ActionCanceledException when the request was canceled: stop and end the action
   */
  public synchronized void progress(HsmExtent sinceLastReport, long total) throws IOException {
    try (Memory he = NativeStructs.extent(sinceLastReport)) {
      Errors.check(
          api.llapi_hsm_action_progress(live(), he, total, 0), "llapi_hsm_action_progress", target);
    }
  }

  /**
   * Ends the action. The handle is released whatever the outcome.
   *
   * @param errval 0 for success, else a positive errno
   * @throws IllegalStateException if already ended
   */
  public synchronized void end(HsmExtent extent, Set<ProgressFlag> flags, int errval)
      throws IOException {
    PointerByReference ref = new PointerByReference(live().getPointer());
    handle = null;
    ended = true;
    leak.ended = true;
    cleanable.clean();
    int rc;
    try (Memory he = NativeStructs.extent(extent)) {
      rc = api.llapi_hsm_action_end(ref, he, (int) ProgressFlag.toMask(flags), Math.abs(errval));
    }
    Errors.check(rc, "llapi_hsm_action_end", target);
  }

  /** Ends successfully over the item's extent. */
  public void complete() throws IOException {
    end(item.extent(), EnumSet.noneOf(ProgressFlag.class), 0);
  }

  /** Ends with {@code errno}; {@code retry} marks the failure transient. */
  public void fail(Errno errno, boolean retry) throws IOException {
    if (errno == Errno.UNKNOWN) {
      throw new IllegalArgumentException("fail() needs a real errno, not UNKNOWN");
    }
    end(
        item.extent(),
        retry ? EnumSet.of(ProgressFlag.RETRY) : EnumSet.noneOf(ProgressFlag.class),
        errno.number());
  }

  public synchronized boolean isEnded() {
    return ended;
  }

  /** Ends with ECANCELED unless already ended. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (!ended) {
      end(item.extent(), EnumSet.noneOf(ProgressFlag.class), Errno.ECANCELED.number());
    }
  }

  private HsmCopyactionPrivate live() {
    if (handle == null) {
      throw new IllegalStateException("action on " + target + " has already ended");
    }
    return handle;
  }
}

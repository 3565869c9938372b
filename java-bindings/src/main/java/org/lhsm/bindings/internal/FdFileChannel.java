package org.lhsm.bindings.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.raw.LibC;

/**
 * A {@link FileChannel} doing its I/O on a file descriptor the library opened (pread/pwrite through
 * JNA), so the data is moved on exactly the file the coordinator expects, with the library's open
 * flags (O_NOATIME on an ARCHIVE source, the RESTORE volatile file itself) rather than on a second
 * open of it. The channel owns the descriptor: closing it closes the fd, deferred until no call is
 * using it so the number cannot be reused under a running pread. Interruptible like the JDK's
 * channels: an interrupt closes it and the call ends with ClosedByInterruptException.
 * Memory-mapping and locks are not offered.
 */
public final class FdFileChannel extends FileChannel {
  private static final int MAX_IO = 1 << 20;

  private final LibC libc;
  private final int fd;
  private final boolean readable;
  private final boolean writable;
  private final String target;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean fdClosed = new AtomicBoolean();
  private final Object positionLock = new Object();
  private long position;

  private FdFileChannel(int fd, boolean readable, boolean writable, String target) {
    this.libc = NativeAccess.libc();
    this.fd = fd;
    this.readable = readable;
    this.writable = writable;
    this.target = target;
  }

  /** Takes ownership of {@code fd}; {@code target} names the file in error messages. */
  public static FdFileChannel take(int fd, boolean writable, String target) {
    return new FdFileChannel(fd, true, writable, target);
  }

  // ------------------------------------------------------------------ the fd's life

  private void enter() throws ClosedChannelException {
    inFlight.incrementAndGet();
    if (!isOpen()) {
      leave();
      throw new ClosedChannelException();
    }
  }

  private void leave() {
    if (inFlight.decrementAndGet() == 0 && !isOpen()) {
      closeFd();
    }
  }

  private void closeFd() {
    if (fdClosed.compareAndSet(false, true)) {
      libc.close(fd);
    }
  }

  @Override
  protected void implCloseChannel() {
    if (inFlight.get() == 0) {
      closeFd();
    }
  }

  private IOException error(String function) {
    return Errors.libcFailure(function, target);
  }

  /** A call that needs the descriptor itself (xattrs, locks). */
  @FunctionalInterface
  public interface FdCall<T> {
    T apply(int fd) throws IOException;
  }

  /** Runs {@code call} with the descriptor, which cannot be closed meanwhile. */
  public <T> T withFd(FdCall<T> call) throws IOException {
    enter();
    try {
      return call.apply(fd);
    } finally {
      leave();
    }
  }

  // ------------------------------------------------------------------ positional I/O

  @Override
  public int read(ByteBuffer dst, long pos) throws IOException {
    if (pos < 0) {
      throw new IllegalArgumentException("negative position " + pos);
    }
    if (!readable) {
      throw new NonReadableChannelException();
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    enter();
    boolean done = false;
    begin();
    try {
      int n = transfer(dst, pos, false);
      done = true;
      return n;
    } finally {
      end(done);
      leave();
    }
  }

  @Override
  public int write(ByteBuffer src, long pos) throws IOException {
    if (pos < 0) {
      throw new IllegalArgumentException("negative position " + pos);
    }
    if (!writable) {
      throw new NonWritableChannelException();
    }
    enter();
    boolean done = false;
    begin();
    try {
      int total = 0;
      while (src.hasRemaining()) {
        total += transfer(src, pos + total, true);
      }
      done = true;
      return total;
    } finally {
      end(done);
      leave();
    }
  }

  /** One pread/pwrite (retried on EINTR); -1 at end of file for a read. */
  private int transfer(ByteBuffer buf, long pos, boolean write) throws IOException {
    int len = Math.min(buf.remaining(), MAX_IO);
    ByteBuffer direct = buf.isDirect() ? buf : ByteBuffer.allocateDirect(len);
    if (write && direct != buf) {
      direct.put(buf.duplicate().limit(buf.position() + len)).flip();
    }
    Pointer p = Native.getDirectBufferPointer(direct).share(direct == buf ? buf.position() : 0);
    long n;
    do {
      n = write ? libc.pwrite(fd, p, len, pos) : libc.pread(fd, p, len, pos);
    } while (n < 0 && Errors.lastErrno() == Errno.EINTR);
    if (n < 0) {
      throw error(write ? "pwrite" : "pread");
    }
    if (!write && n == 0) {
      return -1;
    }
    if (direct != buf && !write) {
      buf.put(direct.limit((int) n));
    } else {
      buf.position(buf.position() + (int) n);
    }
    return (int) n;
  }

  // ------------------------------------------------------------------ relative I/O

  @Override
  public int read(ByteBuffer dst) throws IOException {
    synchronized (positionLock) {
      int n = read(dst, position);
      if (n > 0) {
        position += n;
      }
      return n;
    }
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      int n = read(dsts[i]);
      if (n < 0) {
        return total == 0 ? -1 : total;
      }
      total += n;
      if (dsts[i].hasRemaining()) {
        break;
      }
    }
    return total;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    synchronized (positionLock) {
      int n = write(src, position);
      position += n;
      return n;
    }
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      total += write(srcs[i]);
    }
    return total;
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    synchronized (positionLock) {
      return position;
    }
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    ensureOpen();
    synchronized (positionLock) {
      position = newPosition;
    }
    return this;
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!isOpen()) {
      throw new ClosedChannelException();
    }
  }

  // ------------------------------------------------------------------ file-wide calls

  @Override
  public long size() throws IOException {
    enter();
    try {
      long n = libc.lseek(fd, 0, AbiLayout.SEEK_END);
      if (n < 0) {
        throw error("lseek");
      }
      return n;
    } finally {
      leave();
    }
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    if (!writable) {
      throw new NonWritableChannelException();
    }
    enter();
    try {
      if (size < size() && libc.ftruncate(fd, size) < 0) {
        throw error("ftruncate");
      }
      synchronized (positionLock) {
        position = Math.min(position, size);
      }
      return this;
    } finally {
      leave();
    }
  }

  @Override
  public void force(boolean metaData) throws IOException {
    enter();
    boolean done = false;
    begin();
    try {
      if ((metaData ? libc.fsync(fd) : libc.fdatasync(fd)) < 0) {
        throw error(metaData ? "fsync" : "fdatasync");
      }
      done = true;
    } finally {
      end(done);
      leave();
    }
  }

  @Override
  public long transferTo(long pos, long count, WritableByteChannel target) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(Math.max(count, 1), MAX_IO));
    long done = 0;
    while (done < count) {
      buf.clear().limit((int) Math.min(buf.capacity(), count - done));
      int n = read(buf, pos + done);
      if (n <= 0) {
        break;
      }
      buf.flip();
      while (buf.hasRemaining()) {
        target.write(buf);
      }
      done += n;
    }
    return done;
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long pos, long count) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(Math.max(count, 1), MAX_IO));
    long done = 0;
    while (done < count) {
      buf.clear().limit((int) Math.min(buf.capacity(), count - done));
      int n = src.read(buf);
      if (n <= 0) {
        break;
      }
      buf.flip();
      write(buf, pos + done);
      done += n;
    }
    return done;
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long pos, long size) {
    throw new UnsupportedOperationException("an HSM data channel cannot be memory-mapped");
  }

  @Override
  public FileLock lock(long pos, long size, boolean shared) {
    throw new UnsupportedOperationException("an HSM data channel cannot be locked");
  }

  @Override
  public FileLock tryLock(long pos, long size, boolean shared) {
    throw new UnsupportedOperationException("an HSM data channel cannot be locked");
  }
}

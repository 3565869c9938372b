package org.lhsm.bindings;

import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.lhsm.bindings.internal.AbiLayout;
import org.lhsm.bindings.internal.Errors;
import org.lhsm.bindings.internal.FdFileChannel;
import org.lhsm.bindings.internal.NativeAccess;
import org.lhsm.bindings.internal.PathFds;
import org.lhsm.bindings.internal.Xattrs;

/**
 * A file on a local (non-Lustre) filesystem opened through libc, for a copytool's archive. Every
 * failure carries its errno in a {@link LustreException}: a write to a full disk is {@code ENOSPC},
 * over quota {@code EDQUOT}, where the JDK's own channels carry only message text. The extended
 * attributes and the advisory lock act on the same open file as the data channel, so a file renamed
 * or replaced meanwhile is never confused with it. Never follows a symbolic link ({@code ELOOP}).
 */
public final class LocalFile implements AutoCloseable {
  private final FdFileChannel channel;
  private final Path path;

  private LocalFile(int fd, boolean writable, Path path) {
    this.channel = FdFileChannel.take(fd, writable, path.toString());
    this.path = path;
  }

  /** Creates {@code path}, which must not exist ({@code EEXIST}), read-write with {@code mode}. */
  public static LocalFile createNew(Path path, int mode) throws IOException {
    return open(path, AbiLayout.O_RDWR | AbiLayout.O_CREAT | AbiLayout.O_EXCL, mode, true);
  }

  /** Opens {@code path} read-write, creating it with {@code mode} if it does not exist. */
  public static LocalFile openOrCreate(Path path, int mode) throws IOException {
    return open(path, AbiLayout.O_RDWR | AbiLayout.O_CREAT, mode, true);
  }

  /** Opens an existing {@code path} read-write. */
  public static LocalFile openReadWrite(Path path) throws IOException {
    return open(path, AbiLayout.O_RDWR, 0, true);
  }

  /** Opens an existing {@code path} read-only. */
  public static LocalFile openReadOnly(Path path) throws IOException {
    return open(path, AbiLayout.O_RDONLY, 0, false);
  }

  private static LocalFile open(Path path, int flags, int mode, boolean writable)
      throws IOException {
    int f = flags | AbiLayout.O_NOFOLLOW | AbiLayout.O_CLOEXEC;
    int fd;
    if ((flags & AbiLayout.O_CREAT) != 0) {
      fd = NativeAccess.libc().open(path.toString(), f, mode);
      if (fd < 0) {
        throw Errors.libcPathFailure("open", path);
      }
    } else {
      fd = PathFds.open(path, f);
    }
    return new LocalFile(fd, writable, path);
  }

  /**
   * {@code mkdir -p}: creates {@code dir} and its missing parents with {@code mode}; a directory
   * that exists is fine.
   */
  public static void mkdirs(Path dir, int mode) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (java.nio.file.Files.isDirectory(abs)) {
      return;
    }
    Path parent = abs.getParent();
    if (parent != null) {
      mkdirs(parent, mode);
    }
    if (!mkdir(abs, mode) && !java.nio.file.Files.isDirectory(abs)) {
      // a file of that name where a directory is needed
      throw Errors.exception("mkdir", abs.toString(), Errno.ENOTDIR.number());
    }
  }

  /**
   * One {@code mkdir(2)} with {@code mode}, no stat first.
   *
   * @return false when something of that name exists (EEXIST: not necessarily a directory)
   * @throws java.nio.file.NoSuchFileException when the parent does not exist
   */
  public static boolean mkdir(Path dir, int mode) throws IOException {
    if (NativeAccess.libc().mkdir(dir.toString(), mode) == 0) {
      return true;
    }
    if (Errors.lastErrno() == Errno.EEXIST) {
      return false;
    }
    throw Errors.libcPathFailure("mkdir", dir);
  }

  /**
   * {@code unlink(2)} of a file that may not exist, in one call (no stat first).
   *
   * @return false when there was nothing of that name
   * @throws LustreException with the errno otherwise, e.g. {@code EISDIR} for a directory
   */
  public static boolean unlinkIfExists(Path path) throws IOException {
    if (NativeAccess.libc().unlink(path.toString()) == 0) {
      return true;
    }
    Errors.expectedFailure("unlink", path.toString(), Errno.ENOENT);
    return false;
  }

  /** What {@link #probeDirectory} found. */
  public enum DirectoryProbe {
    /** A directory, reached without following any symbolic link. */
    NO_LINKS,
    /** Some component of the path is a symbolic link (not followed). */
    LINK_ON_THE_WAY,
    /** Some component does not exist, or is not a directory. */
    MISSING,
    /** Not answered (no openat2 here, or another failure): ask another way. */
    UNKNOWN
  }

  /** {@code __NR_openat2}: the same on every architecture allowed by {@link #OPENAT2_ARCHES}. */
  private static final long SYS_OPENAT2 = 437;

  private static final Set<String> OPENAT2_ARCHES =
      Set.of("x86-64", "aarch64", "ppc64le", "ppc64", "riscv64", "s390x", "loongarch64");
  private static final long RESOLVE_NO_SYMLINKS = 0x04;
  private static final long AT_FDCWD = -100;

  /** Set once openat2 is refused (kernel before 5.6, a seccomp filter): not tried again. */
  private static volatile boolean openat2Refused =
      !(Platform.isLinux() && OPENAT2_ARCHES.contains(Platform.ARCH));

  /**
   * Whether {@code dir} is a directory whose path has no symbolic link in it, asked in one call:
   * {@code openat2(RESOLVE_NO_SYMLINKS)} of it (then closed), where a stat per component would take
   * one call each.
   */
  public static DirectoryProbe probeDirectory(Path dir) {
    if (openat2Refused) {
      return DirectoryProbe.UNKNOWN;
    }
    // struct open_how: flags, mode, resolve
    long[] how = {
      AbiLayout.O_RDONLY | AbiLayout.O_DIRECTORY | AbiLayout.O_CLOEXEC, 0, RESOLVE_NO_SYMLINKS
    };
    long fd =
        NativeAccess.libc()
            .syscall(SYS_OPENAT2, AT_FDCWD, dir.toString(), how, (long) Long.BYTES * how.length);
    if (fd >= 0) {
      NativeAccess.libc().close((int) fd);
      return DirectoryProbe.NO_LINKS;
    }
    Errno e = Errors.lastErrno();
    switch (e) {
      case ELOOP:
        return DirectoryProbe.LINK_ON_THE_WAY;
      case ENOENT:
      case ENOTDIR:
        return DirectoryProbe.MISSING;
      case ENOSYS:
      case EPERM:
      case EINVAL:
      case E2BIG:
        openat2Refused = true;
        return DirectoryProbe.UNKNOWN;
      default:
        return DirectoryProbe.UNKNOWN;
    }
  }

  public Path path() {
    return path;
  }

  /**
   * The data channel (pread/pwrite on this file's descriptor), closed with this object. Its
   * failures are {@link LustreException}s with the errno.
   */
  public FileChannel channel() {
    return channel;
  }

  /** The value of extended attribute {@code name}; empty when absent or not supported. */
  public Optional<byte[]> xattr(String name) throws IOException {
    return channel.withFd(fd -> Xattrs.read(fd, name, path.toString()));
  }

  /**
   * Creates or replaces extended attribute {@code name}.
   *
   * @throws LustreException with the errno, e.g. {@code EOPNOTSUPP} on a filesystem without that
   *     namespace, {@code ENOSPC} when the attribute does not fit
   */
  public void setXattr(String name, byte[] value) throws IOException {
    channel.withFd(
        fd -> {
          Xattrs.write(fd, name, value, path.toString());
          return null;
        });
  }

  /** Removes extended attribute {@code name}; false when it was not there. */
  public boolean removeXattr(String name) throws IOException {
    return channel.withFd(fd -> Xattrs.remove(fd, name, path.toString()));
  }

  /**
   * Takes an exclusive advisory lock ({@code flock}) held until this file is closed or its process
   * dies, without waiting.
   *
   * @return false when another open file holds it ({@code EWOULDBLOCK})
   */
  public boolean tryLock() throws IOException {
    return channel.withFd(
        fd -> {
          if (NativeAccess.libc().flock(fd, AbiLayout.LOCK_EX | AbiLayout.LOCK_NB) == 0) {
            return true;
          }
          Errors.expectedFailure("flock", path.toString(), Errno.EWOULDBLOCK);
          return false;
        });
  }

  /** {@code fchmod}: sets the permission bits (and set-id, sticky) to {@code mode}. */
  public void setMode(int mode) throws IOException {
    channel.withFd(
        fd -> {
          if (NativeAccess.libc().fchmod(fd, mode) < 0) {
            throw Errors.libcFailure("fchmod", path.toString());
          }
          return null;
        });
  }

  /** {@code fchown}: sets owner and group ({@code -1} leaves one as it is). */
  public void setOwner(int uid, int gid) throws IOException {
    channel.withFd(
        fd -> {
          if (NativeAccess.libc().fchown(fd, uid, gid) < 0) {
            throw Errors.libcFailure("fchown", path.toString());
          }
          return null;
        });
  }

  /**
   * {@code futimens}: sets the modification and access times to the nanosecond; a null one is left
   * as it is.
   */
  public void setTimes(Instant mtime, Instant atime) throws IOException {
    long[] times = new long[4];
    timespec(atime, times, 0);
    timespec(mtime, times, 2);
    channel.withFd(
        fd -> {
          if (NativeAccess.libc().futimens(fd, times) < 0) {
            throw Errors.libcFailure("futimens", path.toString());
          }
          return null;
        });
  }

  /** {@code UTIME_OMIT} of {@code <sys/stat.h>}: leave this time as it is. */
  private static final long UTIME_OMIT = (1L << 30) - 2;

  private static void timespec(Instant t, long[] into, int at) {
    into[at] = t == null ? 0 : t.getEpochSecond();
    into[at + 1] = t == null ? UTIME_OMIT : t.getNano();
  }

  /** Closes the descriptor (once no call is using it). */
  @Override
  public void close() throws IOException {
    channel.close();
  }
}

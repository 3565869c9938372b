package org.lhsm.bindings;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
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
    if (NativeAccess.libc().mkdir(abs.toString(), mode) < 0) {
      IOException e = Errors.libcPathFailure("mkdir", abs);
      if (Errno.of(e).orElse(Errno.UNKNOWN) != Errno.EEXIST) {
        throw e;
      }
      if (!java.nio.file.Files.isDirectory(abs)) {
        // a file of that name where a directory is needed
        throw Errors.exception("mkdir", abs.toString(), Errno.ENOTDIR.number());
      }
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
          LustreException e = Errors.libcFailure("flock", path.toString());
          if (e.errno() == Errno.EWOULDBLOCK) {
            return false;
          }
          throw e;
        });
  }

  /** Closes the descriptor (once no call is using it). */
  @Override
  public void close() throws IOException {
    channel.close();
  }
}

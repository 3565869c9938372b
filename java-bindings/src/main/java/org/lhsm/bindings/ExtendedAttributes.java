package org.lhsm.bindings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.lhsm.bindings.internal.AbiLayout;
import org.lhsm.bindings.internal.NativeAccess;
import org.lhsm.bindings.internal.PathFds;
import org.lhsm.bindings.internal.Xattrs;

/**
 * Extended attributes of a file by path, in every namespace the kernel lets this process reach
 * ({@code trusted.*} and {@code security.*} included, which {@code
 * java.nio.file.attribute.UserDefinedFileAttributeView} cannot). The file is opened read-only,
 * without following a symbolic link, and the {@code f*xattr} calls act on that descriptor.
 */
public final class ExtendedAttributes {
  private ExtendedAttributes() {}

  /** Every attribute {@code file} lists, names to values, in listing order. */
  public static Map<String, byte[]> readAll(Path file) throws IOException {
    int fd = open(file);
    try {
      return Xattrs.readAll(fd, file.toString());
    } finally {
      NativeAccess.libc().close(fd);
    }
  }

  /**
   * The value of {@code name} on {@code file}; empty when the file has no such attribute or its
   * filesystem no such namespace.
   *
   * @throws java.nio.file.NoSuchFileException if {@code file} does not exist
   */
  public static Optional<byte[]> get(Path file, String name) throws IOException {
    int fd = open(file);
    try {
      return Xattrs.read(fd, name, file.toString());
    } finally {
      NativeAccess.libc().close(fd);
    }
  }

  /**
   * Removes {@code name} from {@code file}.
   *
   * @return false when {@code file} had no such attribute (or its filesystem no such namespace)
   * @throws java.nio.file.NoSuchFileException if {@code file} does not exist
   */
  public static boolean remove(Path file, String name) throws IOException {
    int fd = open(file);
    try {
      return Xattrs.remove(fd, name, file.toString());
    } finally {
      NativeAccess.libc().close(fd);
    }
  }

  /**
   * Creates or replaces {@code name} on {@code file}.
   *
   * @throws LustreException with the errno, e.g. {@code EOPNOTSUPP} for a namespace the file's
   *     filesystem does not have ({@code lustre.*} off Lustre), {@code EPERM} for {@code trusted.*}
   *     without CAP_SYS_ADMIN
   * @throws java.nio.file.NoSuchFileException if {@code file} does not exist
   */
  public static void set(Path file, String name, byte[] value) throws IOException {
    int fd = open(file);
    try {
      Xattrs.write(fd, name, value, file.toString());
    } finally {
      NativeAccess.libc().close(fd);
    }
  }

  private static int open(Path file) throws IOException {
    // O_NONBLOCK: a FIFO under that name must not hang the caller; O_NOFOLLOW: a symbolic link
    // is refused (ELOOP), never followed to another file
    return PathFds.open(file, AbiLayout.O_RDONLY | AbiLayout.O_NONBLOCK | AbiLayout.O_NOFOLLOW);
  }
}

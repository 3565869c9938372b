package org.lhsm.bindings.internal;

import java.io.IOException;
import java.nio.file.Path;

/** Opening a path for a descriptor the bindings own, with close-on-exec and a typed error. */
public final class PathFds {
  private PathFds() {}

  /**
   * {@code open(path, flags | O_CLOEXEC)}.
   *
   * @throws java.nio.file.NoSuchFileException for ENOENT, else the errno's {@code LustreException}
   */
  public static int open(Path path, int flags) throws IOException {
    int fd = NativeAccess.libc().open(path.toString(), flags | AbiLayout.O_CLOEXEC);
    if (fd < 0) {
      throw Errors.libcPathFailure("open", path);
    }
    return fd;
  }
}

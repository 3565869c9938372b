package org.lhsm.emulator.fs;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.HsmException;

/**
 * The filesystem root as the daemon sees it (its real path: {@code D} may sit behind a symlink),
 * the {@code .lustre} directories under it, and which request paths lie inside.
 */
record FsRoot(Path path) {

  Path dotLustre() {
    return path.resolve(".lustre");
  }

  Path fidDir() {
    return dotLustre().resolve("fid");
  }

  Path volatileDir() {
    return dotLustre().resolve("volatile");
  }

  /** Path of {@code p} relative to the root. */
  String relative(Path p) {
    return path.relativize(p).toString();
  }

  /**
   * A request path, absolute and inside the filesystem: a path through a symlinked parent of the
   * root is mapped onto the real root ({@code ENOTTY} for a path outside).
   */
  Path inside(String request) throws HsmException {
    Path p = parse(request).toAbsolutePath().normalize();
    if (!p.startsWith(path)) {
      try {
        if (p.toRealPath().equals(path)) {
          return path;
        }
      } catch (IOException e) {
        // not an existing path: try its parent
      }
      Path parent = p.getParent();
      try {
        if (parent != null && parent.toRealPath().startsWith(path)) {
          return parent.toRealPath().resolve(p.getFileName());
        }
      } catch (IOException e) {
        // fall through: not inside
      }
      throw new HsmException(Errno.ENOTTY, request + " is not in filesystem " + path);
    }
    return p;
  }

  /**
   * {@code request} as a path; a NUL byte in it (no C caller can send one: a coordinator or client
   * gone wrong) is EINVAL, not an unexpected exception answered EIO (found by the faults fuzz).
   */
  static Path parse(String request) throws HsmException {
    try {
      return Path.of(request);
    } catch (InvalidPathException e) {
      throw new HsmException(Errno.EINVAL, "invalid path: " + e.getReason());
    }
  }
}

package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.ExtendedAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the Lustre file's extended attributes onto its archive copy, every namespace, as
 * lhsmtool_posix does: a name the archive filesystem does not support ({@code lustre.*} on a local
 * disk) is skipped, any other failure fails the archive.
 */
final class ArchiveXattrs {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveXattrs.class);

  private ArchiveXattrs() {}

  static void copy(Map<String, byte[]> xattrs, Path dst) throws IOException {
    for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
      try {
        ExtendedAttributes.set(dst, e.getKey(), e.getValue());
      } catch (IOException ex) {
        if (Errno.numberOf(ex, Errno.EIO) != Errno.EOPNOTSUPP.number()) {
          throw ex;
        }
        LOG.debug("xattr '{}' not kept on '{}': {}", e.getKey(), dst, ex.getMessage());
      }
    }
  }
}

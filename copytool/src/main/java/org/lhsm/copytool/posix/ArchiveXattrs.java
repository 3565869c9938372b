package org.lhsm.copytool.posix;

import java.io.IOException;
import java.util.Map;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LocalFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the Lustre file's extended attributes onto its archive copy, every namespace, as
 * lhsmtool_posix does: a name the archive filesystem does not support ({@code lustre.*} on a local
 * disk) is skipped, any other failure fails the archive. jhsmtool's own attributes ({@code
 * user.jhsmtool.*}: a checksum record, a writer tag) are never copied: on a Lustre file they can
 * only be copies (e.g. by another tool's import), and they describe the archive file they were
 * written on, not this one.
 */
final class ArchiveXattrs {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveXattrs.class);

  /** The namespace of jhsmtool's own attributes on archive files. */
  static final String OWN_PREFIX = "user.jhsmtool.";

  private ArchiveXattrs() {}

  static boolean isOwn(String name) {
    return name.startsWith(OWN_PREFIX);
  }

  static void copy(Map<String, byte[]> xattrs, LocalFile dst) throws IOException {
    for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
      if (isOwn(e.getKey())) {
        LOG.debug("xattr '{}' of the Lustre file not copied onto '{}'", e.getKey(), dst.path());
        continue;
      }
      try {
        dst.setXattr(e.getKey(), e.getValue());
      } catch (IOException ex) {
        if (Errno.numberOf(ex, Errno.EIO) != Errno.EOPNOTSUPP.number()) {
          throw ex;
        }
        LOG.debug("xattr '{}' not kept on '{}': {}", e.getKey(), dst.path(), ex.getMessage());
      }
    }
  }
}

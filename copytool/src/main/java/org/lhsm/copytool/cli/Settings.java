package org.lhsm.copytool.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.posix.ArchivePaths;
import org.lhsm.copytool.posix.PosixOptions;

/** Options after the config file is applied and everything is validated. */
record Settings(
    JhsmtoolCommand cmd,
    Path hsmRoot,
    ArchiveFormat format,
    List<Integer> archiveIds,
    int updateIntervalSeconds,
    List<String> operands,
    BackendChoice backends,
    Optional<org.lhsm.copytool.s3.S3Settings> s3) {

  ArchivePaths paths() {
    return new ArchivePaths(hsmRoot, format);
  }

  PosixOptions posixOptions() {
    return new PosixOptions(paths(), cmd.noAttr, cmd.noXattr, cmd.noShadow, cmd.checksum);
  }

  /** Whether the POSIX archive serves any archive id (then {@code --hsm-root} is needed). */
  boolean usesPosix() {
    return backends.uses(BackendChoice.Kind.POSIX, archiveIds);
  }

  /** First {@code -A} id, stored on imported files (0 if none). */
  int firstArchiveId() {
    return archiveIds.isEmpty() ? 0 : archiveIds.get(0);
  }
}

package org.lhsm.bench.throughput;

import java.nio.file.Path;
import org.lhsm.copytool.posix.ChecksumAlgorithm;

/** A contender that archives through {@code PosixArchiveBackend}: its output can be checked. */
interface ArchivingTool extends CopyTool {

  ChecksumAlgorithm algorithm();

  @Override
  default String checksum() {
    return algorithm().fileName();
  }

  /** Where {@link #archive} put the data file (its checksum record on it). */
  Path dataFile(Path workDir);
}

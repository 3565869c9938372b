package org.lhsm.bench.throughput;

import java.nio.file.Path;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.posix.ArchivePaths;
import org.lhsm.copytool.posix.ChecksumAlgorithm;
import org.lhsm.copytool.posix.PosixArchiveBackend;

/**
 * jhsmtool as deployed ({@code jhsmtool-<alg>}): the engine with {@link PosixArchiveBackend}
 * (jhsmtool's defaults) on a copytool registered with the emulator, copying through liblustreapi's
 * descriptors with the bindings' data channel. Time: from {@code begin} to the return of {@code
 * end} (see {@link TimingSource}); for a restore that includes creating the volatile file and the
 * library's fsync of it. The coordinator's dispatch delay and the RELEASE before each restore are
 * not timed.
 */
final class CopytoolTool implements ArchivingTool {
  private final EngineSession session;
  private final ChecksumAlgorithm checksum;

  CopytoolTool(EngineSession session, ChecksumAlgorithm checksum) {
    this.session = session;
    this.checksum = checksum;
  }

  @Override
  public String name() {
    return "jhsmtool-" + checksum.fileName();
  }

  @Override
  public ChecksumAlgorithm algorithm() {
    return checksum;
  }

  @Override
  public Path dataFile(Path workDir) {
    return new ArchivePaths(workDir.resolve("arc"), ArchiveFormat.V1).dataPath(session.fid());
  }

  @Override
  public Timed archive(Path source, Path workDir) throws Exception {
    if (!source.equals(session.file())) {
      throw new IllegalArgumentException(source + " is not the session's file");
    }
    PosixArchiveBackend b = BackendTool.backend(workDir, checksum);
    EngineSession.Ended e = session.archive(b);
    return new Timed(e.bytes(), e.nanos(), b.paths().dataPath(session.fid()));
  }

  @Override
  public Timed restore(Path workDir) throws Exception {
    EngineSession.Ended e = session.restore(BackendTool.backend(workDir, checksum));
    return new Timed(e.bytes(), e.nanos(), session.file());
  }
}

package org.lhsm.bench.throughput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.posix.ArchivePaths;
import org.lhsm.copytool.posix.ChecksumAlgorithm;
import org.lhsm.copytool.posix.PosixArchiveBackend;
import org.lhsm.copytool.posix.PosixOptions;

/**
 * The archive backend alone ({@code backend-<alg>}): {@link PosixArchiveBackend} with jhsmtool's
 * defaults (v1 layout, attributes, {@code user.*} xattrs and the shadow link on), driven through
 * {@link BenchActionHandle} on plain JDK file channels and an {@link EngineLikeControl}. Archive
 * time: {@link PosixArchiveBackend#archive} (copy to {@code _tmp}, fsync, {@code .cksum},
 * attributes, rename, directory fsync, shadow link) plus the end report. Restore time: creating the
 * volatile file, {@link PosixArchiveBackend#restore} (with checksum verification) and the end
 * report, whose fsync stands for {@code llapi_hsm_action_end}'s. Compared with {@link
 * CopytoolTool}, this leaves out the engine, liblustreapi and the bindings' data channel.
 */
final class BackendTool implements ArchivingTool {
  static final Fid FID = new Fid(0x200000401L, 1, 0);

  private final ChecksumAlgorithm checksum;
  private final int chunkSize;
  private final Duration updateInterval;
  private long cookie;

  BackendTool(ChecksumAlgorithm checksum, int chunkSize, Duration updateInterval) {
    this.checksum = checksum;
    this.chunkSize = chunkSize;
    this.updateInterval = updateInterval;
  }

  @Override
  public String name() {
    return "backend-" + checksum.fileName();
  }

  @Override
  public ChecksumAlgorithm algorithm() {
    return checksum;
  }

  static PosixArchiveBackend backend(Path workDir, ChecksumAlgorithm checksum) throws IOException {
    Path root = Files.createDirectories(workDir.resolve("arc"));
    return new PosixArchiveBackend(
        new PosixOptions(new ArchivePaths(root, ArchiveFormat.V1), false, false, false, checksum));
  }

  @Override
  public Path dataFile(Path workDir) {
    return new ArchivePaths(workDir.resolve("arc"), ArchiveFormat.V1).dataPath(FID);
  }

  @Override
  public Timed archive(Path source, Path workDir) throws IOException {
    PosixArchiveBackend backend = backend(workDir, checksum);
    HsmActionItem item =
        new HsmActionItem(CopytoolAction.ARCHIVE, FID, FID, HsmExtent.whole(), ++cookie, 0, null);
    long t0 = System.nanoTime();
    BenchActionHandle handle =
        BenchActionHandle.archive(item, source, "bench/" + source.getFileName());
    EngineLikeControl control = new EngineLikeControl(chunkSize, updateInterval, handle);
    backend.archive(item, handle, control);
    handle.end(0, control.copied(), false, 0);
    long t1 = System.nanoTime();
    return new Timed(control.copied(), t1 - t0, backend.paths().dataPath(FID));
  }

  @Override
  public Timed restore(Path workDir) throws IOException {
    PosixArchiveBackend backend = backend(workDir, checksum);
    HsmActionItem item =
        new HsmActionItem(CopytoolAction.RESTORE, FID, FID, HsmExtent.whole(), ++cookie, 0, null);
    Path vol = workDir.resolve("volatile");
    long t0 = System.nanoTime();
    BenchActionHandle handle = BenchActionHandle.restore(item, vol);
    EngineLikeControl control = new EngineLikeControl(chunkSize, updateInterval, handle);
    backend.restore(item, handle, control);
    handle.end(0, control.copied(), false, 0);
    long t1 = System.nanoTime();
    return new Timed(control.copied(), t1 - t0, vol);
  }
}

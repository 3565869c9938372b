package org.lhsm.copytool.posix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.lhsm.bindings.Fid;
import org.lhsm.copytool.core.ActionItem;
import org.lhsm.copytool.core.ActionKind;
import org.lhsm.copytool.core.FidText;
import org.lhsm.copytool.fakes.FakeActionHandle;

/**
 * Manual measurement (not a test): archives then restores a file through the backend and prints
 * MB/s. {@code java -cp ... org.lhsm.copytool.posix.CopyThroughputProbe <file> <workdir>
 * <crc32c|sha256|none>}.
 */
public final class CopyThroughputProbe {
  private CopyThroughputProbe() {}

  public static void main(String[] args) throws Exception {
    Path src = Path.of(args[0]);
    Path work = Path.of(args[1]);
    ChecksumAlgorithm sum = ChecksumAlgorithm.parse(args[2]);
    Fid fid = FidText.parse("0x200000401:0x1:0x0");
    PosixArchiveBackend b =
        new PosixArchiveBackend(
            new PosixOptions(
                new ArchivePaths(Files.createDirectories(work.resolve("arc")), ArchiveFormat.V2),
                true,
                true,
                true,
                sum));
    ActionItem arch = new ActionItem(ActionKind.ARCHIVE, fid, fid, 0, -1, 1, 1, 72);
    long size = Files.size(src);
    long t0 = System.nanoTime();
    b.archive(arch, new FakeActionHandle(arch, src, false), new RecordingControl(1 << 20));
    double archiveSec = (System.nanoTime() - t0) / 1e9;
    ActionItem rest = new ActionItem(ActionKind.RESTORE, fid, fid, 0, -1, 2, 1, 72);
    Path vol = work.resolve("volatile");
    Files.deleteIfExists(vol);
    t0 = System.nanoTime();
    b.restore(rest, new FakeActionHandle(rest, vol, true), new RecordingControl(1 << 20));
    double restoreSec = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%s: archive %.2f s (%.0f MB/s, incl. fsync), restore %.2f s (%.0f MB/s)%n",
        sum.fileName(),
        archiveSec,
        size / archiveSec / 1e6,
        restoreSec,
        size / restoreSec / 1e6);
  }
}

package org.lhsm.bench.throughput;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.lhsm.bindings.ExtendedAttributes;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.SourceAttributes;

/**
 * An {@link ActionHandle} on local files with plain JDK file channels, for measuring the archive
 * backend on its own ({@link BackendTool}). It does what the engine's handle ({@code
 * CopyActionHandle} over liblustreapi) does on the data path, except that the engine's data channel
 * does its I/O through the library's own descriptor (the bindings' {@code FdFileChannel},
 * pread/pwrite through JNA) where this one lets the JDK do it; {@link CopytoolTool} measures that
 * channel.
 *
 * <ul>
 *   <li>ARCHIVE: {@link #openDataChannel} opens the source read-only. Attributes and {@code user.*}
 *       xattrs are read with NIO as the engine's handle reads them through {@code .lustre/fid}; a
 *       local file has no {@code lustre.lov}.
 *   <li>RESTORE: the volatile file is created empty when the handle is made (as {@code
 *       llapi_hsm_action_begin} creates it) and opened read-write; a successful {@link #end} fsyncs
 *       it, as {@code llapi_hsm_action_end} does before the layout swap.
 * </ul>
 *
 * Progress reports are only counted. Used by one thread.
 */
final class BenchActionHandle implements ActionHandle {
  static final Fid VOLATILE_FID = new Fid(0x200000402L, 1, 0);

  private final HsmActionItem item;
  private final Path file;
  private final boolean restore;
  private final String relativePath;
  private int progressReports;
  private boolean ended;

  private BenchActionHandle(HsmActionItem item, Path file, boolean restore, String relativePath) {
    this.item = item;
    this.file = file;
    this.restore = restore;
    this.relativePath = relativePath;
  }

  /** ARCHIVE of {@code source}, known in the "file system" as {@code relativePath}. */
  static BenchActionHandle archive(HsmActionItem item, Path source, String relativePath) {
    return new BenchActionHandle(item, source, false, relativePath);
  }

  /** RESTORE into a new, empty volatile file {@code volatileFile} (created here, mode 0600). */
  static BenchActionHandle restore(HsmActionItem item, Path volatileFile) throws IOException {
    Files.createFile(
        volatileFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return new BenchActionHandle(item, volatileFile, true, null);
  }

  int progressReports() {
    return progressReports;
  }

  boolean ended() {
    return ended;
  }

  @Override
  public Fid dataFid() {
    return restore ? VOLATILE_FID : item.fid();
  }

  @Override
  public FileChannel openDataChannel() throws IOException {
    return restore
        ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
        : FileChannel.open(file, StandardOpenOption.READ);
  }

  @Override
  public void progress(long offset, long length, long total) {
    progressReports++;
  }

  @Override
  public void end(long offset, long length, boolean retry, int errno) throws IOException {
    if (ended) {
      throw new IllegalStateException("ended twice: " + item);
    }
    ended = true;
    if (restore && errno == 0) {
      try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
        c.force(true);
      }
    }
  }

  @Override
  public SourceAttributes sourceAttributes() throws IOException {
    Map<String, Object> a = Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
    return new SourceAttributes(
        (Integer) a.get("mode"),
        (Integer) a.get("uid"),
        (Integer) a.get("gid"),
        ((FileTime) a.get("lastAccessTime")).toInstant().getEpochSecond(),
        ((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond(),
        ((Number) a.get("size")).longValue());
  }

  @Override
  public Map<String, byte[]> sourceXattrs() throws IOException {
    return ExtendedAttributes.readAll(file);
  }

  @Override
  public Optional<byte[]> sourceLayout() {
    return Optional.empty();
  }

  @Override
  public Optional<String> relativePath() {
    return Optional.ofNullable(relativePath);
  }

  @Override
  public String dataDescription() {
    return restore ? "{VOLATILE}=" + VOLATILE_FID : file.toString();
  }
}

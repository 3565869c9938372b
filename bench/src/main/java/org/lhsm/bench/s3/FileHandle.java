package org.lhsm.bench.s3;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.SourceAttributes;

/**
 * An action handle on a plain file: ARCHIVE reads it, RESTORE writes it (a new file standing for
 * the volatile file) and {@link #end} fsyncs it, as {@code llapi_hsm_action_end} does.
 */
final class FileHandle implements ActionHandle {
  private final HsmActionItem item;
  private final Path file;
  private final boolean restore;

  FileHandle(HsmActionItem item, Path file, boolean restore) {
    this.item = item;
    this.file = file;
    this.restore = restore;
  }

  @Override
  public Fid dataFid() {
    return item.fid();
  }

  @Override
  public FileChannel openDataChannel() throws IOException {
    return restore
        ? FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
        : FileChannel.open(file, StandardOpenOption.READ);
  }

  @Override
  public void progress(long offset, long length, long total) {}

  @Override
  public void end(long offset, long length, boolean retry, int errno) throws IOException {
    if (restore && errno == 0) {
      try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
        c.force(true);
      }
    }
  }

  @Override
  public SourceAttributes sourceAttributes() {
    return new SourceAttributes(0100644, 0, 0, 0, 0, 0);
  }

  @Override
  public Map<String, byte[]> sourceXattrs() {
    return Map.of();
  }

  @Override
  public Optional<byte[]> sourceLayout() {
    return Optional.empty();
  }

  @Override
  public Optional<String> relativePath() {
    return Optional.of(file.getFileName().toString());
  }

  @Override
  public String dataDescription() {
    return file.toString();
  }
}

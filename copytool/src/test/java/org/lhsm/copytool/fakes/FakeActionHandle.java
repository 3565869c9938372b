package org.lhsm.copytool.fakes;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lhsm.bindings.ActionCanceledException;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.SourceAttributes;

/**
 * Records progress and end calls. ARCHIVE handles read {@code dataFile}; RESTORE handles write it
 * (standing in for the volatile file).
 */
public final class FakeActionHandle implements ActionHandle {
  /** One progress report. */
  public record Progress(long offset, long length, long total) {}

  /** The end report. */
  public record End(long offset, long length, boolean retry, int errno) {}

  private final HsmActionItem item;
  private final Path dataFile;
  private final boolean forWrite;
  private final List<Progress> progress = Collections.synchronizedList(new ArrayList<>());
  private volatile End end;
  private volatile int cancelAfterProgress = -1;
  public volatile SourceAttributes attributes;
  public volatile Map<String, byte[]> xattrs = Map.of();
  public volatile byte[] layout;
  public volatile String relativePath;
  public volatile Fid volatileFid = new Fid(0x200000402L, 1, 0);

  public FakeActionHandle(HsmActionItem item, Path dataFile, boolean forWrite) {
    this.item = item;
    this.dataFile = dataFile;
    this.forWrite = forWrite;
  }

  public HsmActionItem item() {
    return item;
  }

  /** After {@code n} successful reports, every further report fails with ECANCELED. */
  public void cancelAfterProgress(int n) {
    cancelAfterProgress = n;
  }

  public List<Progress> progress() {
    synchronized (progress) {
      return List.copyOf(progress);
    }
  }

  public End end() {
    return end;
  }

  @Override
  public Fid dataFid() {
    return forWrite ? volatileFid : item.fid();
  }

  @Override
  public FileChannel openDataChannel() throws IOException {
    if (dataFile == null) {
      throw new IOException("no data file for " + item);
    }
    return forWrite
        ? FileChannel.open(
            dataFile, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
        : FileChannel.open(dataFile, StandardOpenOption.READ);
  }

  @Override
  public void progress(long offset, long length, long total) throws IOException {
    int limit = cancelAfterProgress;
    if (limit >= 0 && progress.size() >= limit) {
      throw new ActionCanceledException("coordinator canceled " + item.cookieHex(), null);
    }
    progress.add(new Progress(offset, length, total));
  }

  @Override
  public synchronized void end(long offset, long length, boolean retry, int errno) {
    if (end != null) {
      throw new IllegalStateException("ended twice: " + item);
    }
    end = new End(offset, length, retry, errno);
  }

  @Override
  public SourceAttributes sourceAttributes() throws IOException {
    if (attributes != null) {
      return attributes;
    }
    long mtime = Files.getLastModifiedTime(dataFile).toMillis() / 1000;
    int mode = (Integer) Files.getAttribute(dataFile, "unix:mode");
    int uid = (Integer) Files.getAttribute(dataFile, "unix:uid");
    int gid = (Integer) Files.getAttribute(dataFile, "unix:gid");
    return new SourceAttributes(mode, uid, gid, mtime, mtime, Files.size(dataFile));
  }

  @Override
  public Map<String, byte[]> sourceXattrs() {
    return xattrs;
  }

  @Override
  public Optional<byte[]> sourceLayout() {
    return Optional.ofNullable(layout);
  }

  @Override
  public Optional<String> relativePath() {
    return Optional.ofNullable(relativePath);
  }

  @Override
  public String dataDescription() {
    return forWrite
        ? "{VOLATILE}=" + volatileFid
        : "/mnt/.lustre/fid/" + item.fid().toNoBraceString();
  }
}

package org.lhsm.copytool.lustre;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.lhsm.bindings.CopyAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.ProgressFlag;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.SourceAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ActionHandle} over a bindings {@link CopyAction}. File attributes of the Lustre file
 * are read through {@code <mnt>/.lustre/fid/<FID>} with plain NIO; its extended attributes and the
 * {@code lustre.lov} layout are read from (ARCHIVE) or set on (RESTORE) the action's own fd.
 */
final class CopyActionHandle implements ActionHandle {
  private static final Logger LOG = LoggerFactory.getLogger(CopyActionHandle.class);

  static final String LAYOUT_XATTR = "lustre.lov";

  private final CopyAction action;
  private final SessionActionSource source;
  private final Fid fid;

  /** RESTORE: the saved layout still to be set on the volatile file (begun delayed-layout). */
  private Optional<byte[]> pendingLayout;

  CopyActionHandle(CopyAction action, SessionActionSource source, Optional<byte[]> layout) {
    this.action = action;
    this.source = source;
    this.fid = action.item().fid();
    this.pendingLayout = layout;
  }

  private Path byFid() {
    return source.mount().resolve(".lustre/fid/" + action.item().dfid().toNoBraceString());
  }

  @Override
  public Fid dataFid() throws IOException {
    return action.dataFid();
  }

  /**
   * RESTORE with a saved layout sets it first, as the stock tool does before copying: a failure
   * (e.g. EINVAL for a layout this filesystem rejects) fails the restore with that errno.
   */
  @Override
  public FileChannel openDataChannel() throws IOException {
    if (pendingLayout.isPresent()) {
      byte[] layout = pendingLayout.get();
      pendingLayout = Optional.empty();
      action.writeXattr(LAYOUT_XATTR, layout);
      LOG.debug("set saved layout ({} bytes) on {}", layout.length, action.item().fid());
    }
    return action.openDataChannel();
  }

  @Override
  public void progress(long offset, long length, long total) throws IOException {
    action.progress(new HsmExtent(offset, length), total);
  }

  @Override
  public void end(long offset, long length, boolean retry, int errno) throws IOException {
    action.end(
        new HsmExtent(offset, length),
        retry ? EnumSet.of(ProgressFlag.RETRY) : EnumSet.noneOf(ProgressFlag.class),
        errno);
  }

  @Override
  public SourceAttributes sourceAttributes() throws IOException {
    Map<String, Object> a = Files.readAttributes(byFid(), "unix:*");
    return new SourceAttributes(
        (Integer) a.get("mode"),
        (Integer) a.get("uid"),
        (Integer) a.get("gid"),
        ((FileTime) a.get("lastAccessTime")).toInstant().getEpochSecond(),
        ((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond(),
        ((Number) a.get("size")).longValue());
  }

  /** Every attribute the Lustre file lists, read through the action's fd as the stock tool does. */
  @Override
  public Map<String, byte[]> sourceXattrs() throws IOException {
    return action.readXattrs();
  }

  /** Empty when the file has no readable layout (e.g. not on Lustre): nothing to save. */
  @Override
  public Optional<byte[]> sourceLayout() throws IOException {
    return action.readXattr(LAYOUT_XATTR);
  }

  @Override
  public Optional<String> relativePath() {
    try {
      return Optional.of(source.session().fid2path(fid).toString());
    } catch (IOException | RuntimeException e) {
      LOG.debug("no path for {}: {}", fid, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public String dataDescription() {
    return byFid().toString();
  }
}

package org.lhsm.copytool.s3;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ArchiveBackend;
import org.lhsm.copytool.core.CopyControl;
import org.lhsm.copytool.core.SourceAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's archive backend of one archive id on an {@link S3Store}: one object per Lustre file,
 * keyed by {@link ObjectKeys}. ARCHIVE uploads the whole file (an object cannot be patched, so an
 * extent request uploads the whole file too); RESTORE downloads the whole object (verified) or, for
 * an extent, a ranged GET written at the same offset; REMOVE deletes the object (ENOENT if there is
 * none). The saved layout ({@code .lov}) is not kept: restores use the directory's default layout.
 * Failures carry the store's errno (see the copytool README for the list).
 */
public final class S3ArchiveBackend implements ArchiveBackend {
  private static final Logger LOG = LoggerFactory.getLogger(S3ArchiveBackend.class);

  private final S3Store store;
  private final ObjectKeys keys;
  private final String fsname;
  private final int archiveId;

  public S3ArchiveBackend(S3Store store, String fsname, int archiveId) {
    this.store = store;
    this.keys = new ObjectKeys(store.settings().prefix());
    this.fsname = fsname;
    this.archiveId = archiveId;
  }

  public S3Store store() {
    return store;
  }

  public ObjectKeys keys() {
    return keys;
  }

  public String key(HsmActionItem item) {
    return keys.key(fsname, archiveId, item.fid());
  }

  private String url(String key) {
    return "s3://" + store.settings().bucket() + "/" + key;
  }

  @Override
  public void archive(HsmActionItem item, ActionHandle handle, CopyControl control)
      throws IOException {
    String key = key(item);
    String src = handle.dataDescription();
    LOG.info("archiving '{}' to '{}'", src, url(key));
    try (FileChannel in = handle.openDataChannel()) {
      long size = in.size();
      long offset = item.extent().offset();
      if (offset > size) {
        throw new LustreException(
            "archive offset " + offset + " beyond end of '" + src + "' (" + size + ")",
            null,
            Errno.EINVAL,
            null);
      }
      SourceAttributes a = handle.sourceAttributes();
      ObjectAttributes attrs =
          new ObjectAttributes(
              Optional.of(item.fid()),
              fsname,
              archiveId,
              handle.relativePath(),
              size,
              a.mtimeSec(),
              a.mode(),
              a.uid(),
              a.gid(),
              OptionalInt.empty(),
              OptionalLong.empty());
      LOG.info("start copy of {} bytes from '{}' to '{}'", size, src, url(key));
      long t0 = System.nanoTime();
      S3Store.UploadResult r = store.upload(key, in, 0, size, attrs, adapt(control));
      LOG.info("copied {} bytes in {} seconds", size, seconds(t0));
      LOG.debug("{}: {} parts, CRC32C {}", url(key), r.parts(), r.checksum());
    }
  }

  @Override
  public Optional<byte[]> restoreLayout(HsmActionItem item) {
    return Optional.empty();
  }

  @Override
  public void restore(HsmActionItem item, ActionHandle handle, CopyControl control)
      throws IOException {
    String key = key(item);
    String dst = "{VOLATILE}=" + handle.dataFid();
    LOG.info("restoring data from '{}' to '{}'", url(key), dst);
    long t0 = System.nanoTime();
    try (FileChannel out = handle.openDataChannel()) {
      S3Store.DownloadResult r;
      HsmExtent e = item.extent();
      if (e.length() == HsmExtent.EOF && e.offset() == 0) {
        r = store.download(key, out, adapt(control));
      } else {
        r = store.downloadRange(key, out, e.offset(), e.length(), adapt(control));
      }
      LOG.info("copied {} bytes in {} seconds", r.bytes(), seconds(t0));
      LOG.info(
          "data restore from '{}' to '{}' done (verified: {})",
          url(key),
          dst,
          r.verification().name().toLowerCase(Locale.ROOT));
    }
  }

  @Override
  public void remove(HsmActionItem item) throws IOException {
    String key = key(item);
    LOG.info("removing object '{}'", url(key));
    store.delete(key);
  }

  private static String seconds(long t0) {
    return String.format(Locale.ROOT, "%.6f", (System.nanoTime() - t0) / 1e9);
  }

  /** The engine's copy control seen as a transfer control. */
  static TransferControl adapt(CopyControl c) {
    return new TransferControl() {
      @Override
      public int chunkSize() {
        return c.chunkSize();
      }

      @Override
      public void started(long offset, long total) throws IOException {
        c.started(offset, total);
      }

      @Override
      public void beforeChunk(long bytes) throws IOException {
        c.beforeChunk(bytes);
      }

      @Override
      public void chunkDone(long bytes) throws IOException {
        c.chunkDone(bytes);
      }

      @Override
      public void checkCanceled() throws IOException {
        c.checkCanceled();
      }
    };
  }
}

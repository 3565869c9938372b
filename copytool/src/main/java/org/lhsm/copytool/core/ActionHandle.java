package org.lhsm.copytool.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.Optional;
import org.lhsm.bindings.ActionCanceledException;
import org.lhsm.bindings.Fid;

/**
 * One begun action. Used by a single worker thread. {@link #end} must be called exactly once; it
 * releases the handle even when it throws.
 */
public interface ActionHandle {

  /** ARCHIVE: the file's FID; RESTORE: the volatile file's FID. */
  Fid dataFid() throws IOException;

  /**
   * ARCHIVE: read-only channel on the Lustre file; RESTORE: read-write channel on the volatile
   * file. The caller closes it; doing so before {@link #end} is harmless.
   */
  FileChannel openDataChannel() throws IOException;

  /**
   * Reports {@code length} bytes copied at {@code offset} since the previous report.
   *
   * @throws ActionCanceledException when the coordinator canceled the request
   */
  void progress(long offset, long length, long total) throws IOException;

  /** Final report: success ({@code errno} 0) or failure, optionally asking for a retry. */
  void end(long offset, long length, boolean retry, int errno) throws IOException;

  /** ARCHIVE: attributes of the Lustre file. */
  SourceAttributes sourceAttributes() throws IOException;

  /** ARCHIVE: every extended attribute the Lustre file lists to this process (name → value). */
  Map<String, byte[]> sourceXattrs() throws IOException;

  /** ARCHIVE: raw {@code lustre.lov} value, if it can be read. */
  Optional<byte[]> sourceLayout() throws IOException;

  /** Path of the file relative to the mount point (first link), if it has one. */
  Optional<String> relativePath();

  /** How to name the data end in messages ({@code <mnt>/.lustre/fid/<FID>} or the volatile). */
  String dataDescription();
}

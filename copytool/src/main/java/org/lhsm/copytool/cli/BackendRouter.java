package org.lhsm.copytool.cli;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ArchiveBackend;
import org.lhsm.copytool.core.ArchiveBackends;
import org.lhsm.copytool.core.CopyControl;

/**
 * The backend of each archive id ({@link BackendChoice}): the one POSIX backend, or the S3 backend
 * of that id (made on first use: its object keys carry the id).
 */
final class BackendRouter implements ArchiveBackends {
  private final BackendChoice choice;
  private final ArchiveBackend posix;
  private final IntFunction<ArchiveBackend> s3;
  private final Map<Integer, ArchiveBackend> s3ById = new ConcurrentHashMap<>();

  /** {@code posix} or {@code s3} may be null when no archive id uses it. */
  BackendRouter(BackendChoice choice, ArchiveBackend posix, IntFunction<ArchiveBackend> s3) {
    this.choice = choice;
    this.posix = posix;
    this.s3 = s3;
  }

  @Override
  public ArchiveBackend forArchive(int archiveId) {
    if (choice.kindFor(archiveId) == BackendChoice.Kind.S3) {
      return s3 == null ? missing(archiveId) : s3ById.computeIfAbsent(archiveId, s3::apply);
    }
    return posix == null ? missing(archiveId) : posix;
  }

  /** A backend that fails every action: no backend is configured for this id. */
  private static ArchiveBackend missing(int archiveId) {
    return new ArchiveBackend() {
      private IOException fail() {
        return new LustreException(
            "no backend configured for archive id " + archiveId, null, Errno.EINVAL, null);
      }

      @Override
      public void archive(HsmActionItem item, ActionHandle handle, CopyControl control)
          throws IOException {
        throw fail();
      }

      @Override
      public Optional<byte[]> restoreLayout(HsmActionItem item) {
        return Optional.empty();
      }

      @Override
      public void restore(HsmActionItem item, ActionHandle handle, CopyControl control)
          throws IOException {
        throw fail();
      }

      @Override
      public void remove(HsmActionItem item) throws IOException {
        throw fail();
      }
    };
  }
}

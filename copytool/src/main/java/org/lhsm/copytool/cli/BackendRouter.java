package org.lhsm.copytool.cli;

import java.io.IOException;
import java.util.Optional;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ActionItem;
import org.lhsm.copytool.core.ArchiveBackend;
import org.lhsm.copytool.core.CopyControl;

/** Hands each item to the backend its archive id is served by ({@link BackendChoice}). */
final class BackendRouter implements ArchiveBackend {
  private final BackendChoice choice;
  private final ArchiveBackend posix;
  private final ArchiveBackend s3;

  /** {@code posix} or {@code s3} may be null when no archive id uses it. */
  BackendRouter(BackendChoice choice, ArchiveBackend posix, ArchiveBackend s3) {
    this.choice = choice;
    this.posix = posix;
    this.s3 = s3;
  }

  private ArchiveBackend of(ActionItem item) throws IOException {
    ArchiveBackend b = choice.kindFor(item.archiveId()) == BackendChoice.Kind.S3 ? s3 : posix;
    if (b == null) {
      throw new org.lhsm.copytool.core.CopytoolException(
          org.lhsm.bindings.Errno.EINVAL.number(),
          "no backend configured for archive id " + item.archiveId());
    }
    return b;
  }

  @Override
  public void archive(ActionItem item, ActionHandle handle, CopyControl control)
      throws IOException {
    of(item).archive(item, handle, control);
  }

  @Override
  public Optional<byte[]> restoreLayout(ActionItem item) {
    try {
      return of(item).restoreLayout(item);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void restore(ActionItem item, ActionHandle handle, CopyControl control)
      throws IOException {
    of(item).restore(item, handle, control);
  }

  @Override
  public void remove(ActionItem item) throws IOException {
    of(item).remove(item);
  }
}

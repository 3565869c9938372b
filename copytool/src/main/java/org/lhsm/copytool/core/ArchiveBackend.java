package org.lhsm.copytool.core;

import java.io.IOException;
import java.util.Optional;
import org.lhsm.bindings.ActionCanceledException;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.HsmActionItem;

/**
 * Where archived data lives. Methods are called concurrently from worker threads, each for a
 * different item; implementations must be thread-safe. A thrown exception's errno (see {@link
 * Errno#numberOf}, EIO when it carries none) is what the coordinator is told; {@link
 * ActionCanceledException} must leave no partial output behind.
 */
public interface ArchiveBackend {

  /** Copies the Lustre file (through {@code handle}) into the archive. */
  void archive(HsmActionItem item, ActionHandle handle, CopyControl control) throws IOException;

  /** Before a restore begins: the saved layout to create the volatile file with, if any. */
  Optional<byte[]> restoreLayout(HsmActionItem item);

  /** Copies archived data into the volatile file of {@code handle}. */
  void restore(HsmActionItem item, ActionHandle handle, CopyControl control) throws IOException;

  /**
   * Takes the archived copy out of use. A missing copy is an error (ENOENT). The removal becomes
   * final in {@link #afterEnd} once the coordinator has accepted its end, so a copytool killed in
   * between can finish it when the request comes again.
   */
  void remove(HsmActionItem item) throws IOException;

  /**
   * After the action's end was reported with {@code errno} (0 for success): whether the coordinator
   * took it. Called once per item, whatever happened; must not throw.
   */
  default void afterEnd(HsmActionItem item, int errno, EndOutcome outcome) {}
}

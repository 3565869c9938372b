package org.lhsm.copytool.core;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.lhsm.bindings.CopytoolShutdownException;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;

/**
 * Where action lists come from and how actions are begun: the registered copytool. One thread calls
 * {@link #receive}; {@link #wakeup}, {@link #begin} and {@link #beginError} may be called from any
 * thread. {@link #close} unregisters.
 */
public interface ActionSource extends AutoCloseable {

  /**
   * Waits up to {@code timeout} for the next action list.
   *
   * @return empty on timeout or after {@link #wakeup()}
   * @throws CopytoolShutdownException when the kernel shut the channel down
   */
  Optional<HsmActionList> receive(Duration timeout) throws IOException;

  /** Makes a blocked {@link #receive} return promptly. */
  void wakeup();

  /**
   * Stops taking action lists for good, without unregistering. The coordinator must see this
   * copytool gone before received work is handed back for retry, or it may send that work straight
   * back here. Received actions can still be begun and ended; {@link #receive} returns empty.
   */
  void stopReceiving() throws IOException;

  /** Begins the action (opens files, sends the start report). */
  ActionHandle begin(HsmActionItem item, BeginOptions options) throws IOException;

  /** A handle that only reports an end (for items that will not be performed). */
  ActionHandle beginError(HsmActionItem item) throws IOException;

  /** Path of the Lustre mount point, for messages. */
  String mountDescription();

  @Override
  void close() throws IOException;
}

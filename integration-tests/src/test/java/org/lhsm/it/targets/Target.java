package org.lhsm.it.targets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the suite runs: one filesystem with at least two client mounts. Tests write files through
 * {@link #clientMount()} and start copytools on {@link #agentMounts()}; nothing else in a test
 * depends on the kind of target, except tests that say explicitly that they only apply to one.
 */
public interface Target extends AutoCloseable {
  /** Kind of filesystem, for assumptions of target-specific tests. */
  enum Kind {
    EMULATOR,
    REAL_LUSTRE
  }

  Kind kind();

  /** Human-readable description for logs and failure messages. */
  String description();

  /** The mount the tests use as an ordinary client (requests, reads, writes). */
  Path clientMount();

  /**
   * Mounts a copytool may register on, each a distinct client (agent). The first is the agent mount
   * proper; on real Lustre the second is the client mount itself, as the VM has two mounts.
   */
  List<Path> agentMounts();

  /** Parameter root for agentctl ({@code --param-root}); empty = the node's own parameters. */
  Optional<Path> paramRoot();

  /** Environment added to child processes (copytools). */
  Map<String, String> childEnvironment();

  /** JVM options added to child JVMs (copytools). */
  List<String> childJvmOptions();

  /** A new, empty directory on the client mount for one test; {@link #close()} removes them. */
  Path newTestDirectory(String name) throws IOException;

  @Override
  void close() throws IOException;
}

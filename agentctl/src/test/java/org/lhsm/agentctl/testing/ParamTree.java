package org.lhsm.agentctl.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Builds coordinator parameter trees in the three layouts agentctl must find: the emulator's single
 * tree, 2.13+ (tunables in sysfs, lists in debugfs) and 2.10/2.12 (all in procfs).
 */
public final class ParamTree {
  /** Where the files go. */
  public enum Layout {
    EMULATOR,
    SYSFS_DEBUGFS,
    PROCFS
  }

  private static final Set<String> LISTS = Set.of("agents", "actions", "active_requests");

  private final Path base;
  private final Layout layout;

  public ParamTree(Path base, Layout layout) {
    this.base = base;
    this.layout = layout;
  }

  /** The roots the CLI searches when no --param-root is given (relocated system roots). */
  public List<Path> systemRoots() {
    return List.of(
        base.resolve("sys/fs/lustre"),
        base.resolve("sys/kernel/debug/lustre"),
        base.resolve("proc/fs/lustre"));
  }

  /** The --param-root for the emulator layout. */
  public Path emulatorRoot() {
    return base.resolve("state/params");
  }

  public Layout layout() {
    return layout;
  }

  /**
   * Writes {@code name} ({@code agents}, {@code max_requests}, {@code hsm_control}) of {@code
   * device}.
   */
  public Path put(String device, String name, String content) throws IOException {
    Path root =
        switch (layout) {
          case EMULATOR -> emulatorRoot();
          case PROCFS -> base.resolve("proc/fs/lustre");
          case SYSFS_DEBUGFS ->
              LISTS.contains(name)
                  ? base.resolve("sys/kernel/debug/lustre")
                  : base.resolve("sys/fs/lustre");
        };
    Path p =
        name.equals("hsm_control")
            ? root.resolve("mdt").resolve(device).resolve("hsm_control")
            : root.resolve("mdt").resolve(device).resolve("hsm").resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  public String get(String device, String name) throws IOException {
    for (Path r : layout == Layout.EMULATOR ? List.of(emulatorRoot()) : systemRoots()) {
      Path p =
          name.equals("hsm_control")
              ? r.resolve("mdt").resolve(device).resolve("hsm_control")
              : r.resolve("mdt").resolve(device).resolve("hsm").resolve(name);
      if (Files.exists(p)) {
        return Files.readString(p);
      }
    }
    throw new IOException("no " + name);
  }

  /** A complete MDT with 2.16.1 defaults, no agents and an empty queue. */
  public void defaults(String device) throws IOException {
    put(device, "hsm_control", "enabled\n");
    put(device, "max_requests", "3\n");
    put(device, "loop_period", "10\n");
    put(device, "grace_delay", "60\n");
    put(device, "active_request_timeout", "3600\n");
    put(device, "default_archive_id", "1\n");
    put(device, "policy", "NonBlockingRestore [NoRetryAction]\n");
    put(device, "user_request_mask", "RESTORE\n");
    put(device, "group_request_mask", "RESTORE\n");
    put(device, "other_request_mask", "RESTORE\n");
    put(device, "remove_archive_on_last_unlink", "0\n");
    put(device, "archive_count", "0\n");
    put(device, "restore_count", "0\n");
    put(device, "remove_count", "0\n");
    put(device, "agents", "");
    put(device, "actions", "");
    put(device, "active_requests", "");
  }
}

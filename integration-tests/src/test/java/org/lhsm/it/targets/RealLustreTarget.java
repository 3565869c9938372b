package org.lhsm.it.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lhsm.bindings.HsmClient;

/**
 * A mounted Lustre client ({@code -Dlhsm.mount}) plus a second client mount of the same filesystem
 * for the copytool ({@code -Dlhsm.agentMount}). All test files live in one unique directory under
 * the mount, removed at the end. Nothing is downloaded or started: the filesystem, the coordinator
 * and the mounts are the VM's.
 */
public final class RealLustreTarget implements Target {
  private final Path mount;
  private final Path agentMount;
  private final Path root;
  private final TestDirectories tests;

  private RealLustreTarget(Path mount, Path agentMount, Path root) {
    this.mount = mount;
    this.agentMount = agentMount;
    this.root = root;
    this.tests = new TestDirectories(root);
  }

  /** Checks both mounts are distinct clients of one Lustre filesystem, then makes the root. */
  public static RealLustreTarget open(Path mount, Path agentMount) throws IOException {
    Path m = mount.toAbsolutePath().normalize();
    Path a = agentMount.toAbsolutePath().normalize();
    for (Path p : List.of(m, a)) {
      if (!Files.isDirectory(p)) {
        throw new IllegalStateException(p + " is not a directory: is Lustre mounted there?");
      }
    }
    if (m.equals(a)) {
      throw new IllegalStateException(
          "lhsm.mount and lhsm.agentMount are both " + m + ": they must be two client mounts");
    }
    String fs = HsmClient.fsname(m);
    String agentFs = HsmClient.fsname(a);
    if (!fs.equals(agentFs)) {
      throw new IllegalStateException(
          m + " is filesystem " + fs + " but " + a + " is " + agentFs + ": need the same one");
    }
    Path root = m.resolve("lhsm-it-" + UUID.randomUUID());
    Files.createDirectory(root);
    return new RealLustreTarget(m, a, root);
  }

  @Override
  public Kind kind() {
    return Kind.REAL_LUSTRE;
  }

  @Override
  public String description() {
    return "Lustre at " + mount + " (agent mount " + agentMount + "), tests in " + root;
  }

  @Override
  public Path clientMount() {
    return mount;
  }

  @Override
  public List<Path> agentMounts() {
    return List.of(agentMount, mount);
  }

  @Override
  public Optional<Path> paramRoot() {
    return Optional.empty();
  }

  /** Passes on an explicitly chosen library (else children load the system's liblustreapi). */
  @Override
  public Map<String, String> childEnvironment() {
    String env = System.getenv("LHSM_LIBLUSTREAPI");
    return env == null ? Map.of() : Map.of("LHSM_LIBLUSTREAPI", env);
  }

  @Override
  public List<String> childJvmOptions() {
    String lib = System.getProperty("lhsm.liblustreapi", "").strip();
    return lib.isEmpty() ? List.of() : List.of("-Dlhsm.liblustreapi=" + lib);
  }

  @Override
  public Path newTestDirectory(String name) throws IOException {
    return tests.create(name);
  }

  @Override
  public void close() throws IOException {
    tests.removeAll();
    TestDirectories.deleteTree(root);
  }
}

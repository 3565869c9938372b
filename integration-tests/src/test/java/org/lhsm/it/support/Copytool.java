package org.lhsm.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.it.targets.Target;

/**
 * jhsmtool run from its shaded jar as a child JVM, registered on one client mount of the target. It
 * serves archive id {@link #ARCHIVE_ID} with its own HSM root (the archive) outside Lustre.
 */
public final class Copytool extends ChildProcess {
  public static final int ARCHIVE_ID = 1;

  private final Path mount;
  private final Path hsmRoot;

  private Copytool(String name, List<String> cmd, Target target, Path mount, Path hsmRoot, Path log)
      throws IOException {
    super(name, cmd, target.childEnvironment(), log);
    this.mount = mount;
    this.hsmRoot = hsmRoot;
  }

  /**
   * Starts {@code jhsmtool [options] --hsm-root ROOT -A 1 [extra...] MOUNT} in the foreground (no
   * {@code --daemon}: the test must own the very process that registers).
   */
  public static Copytool start(
      Target target, String name, Path mount, Path hsmRoot, Path log, List<String> extra)
      throws IOException {
    List<String> jvm = new ArrayList<>();
    jvm.add(ChildProcess.java());
    jvm.add("--enable-native-access=ALL-UNNAMED");
    jvm.addAll(target.childJvmOptions());
    jvm.add("-Dlhsm.progname=jhsmtool");
    jvm.add("-jar");
    jvm.add(jar().toString());
    return new Copytool(name, command(jvm, mount, hsmRoot, extra), target, mount, hsmRoot, log);
  }

  /**
   * Starts Lustre's own copytool with the same arguments, in the foreground, to check that archives
   * are interchangeable with jhsmtool's.
   */
  public static Copytool startStock(
      Target target,
      String name,
      Path executable,
      Path mount,
      Path hsmRoot,
      Path log,
      List<String> extra)
      throws IOException {
    List<String> cmd = command(List.of(executable.toString()), mount, hsmRoot, extra);
    return new Copytool(name, cmd, target, mount, hsmRoot, log);
  }

  /** jhsmtool's shaded jar, {@code -Dlhsm.copytool.jar} (the pom sets it). */
  public static Path jar() {
    Path p = Path.of(System.getProperty("lhsm.copytool.jar", "")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(
          "lhsm.copytool.jar = " + p + " does not exist: mvn -pl integration-tests -am verify");
    }
    return p;
  }

  /** {@code program... --hsm-root ROOT --archive 1 --verbose [extra...] MOUNT}. */
  private static List<String> command(
      List<String> program, Path mount, Path hsmRoot, List<String> extra) {
    List<String> cmd = new ArrayList<>(program);
    cmd.add("--hsm-root");
    cmd.add(hsmRoot.toString());
    cmd.add("--archive");
    cmd.add(Integer.toString(ARCHIVE_ID));
    cmd.add("--verbose");
    cmd.addAll(extra);
    cmd.add(mount.toString());
    return cmd;
  }

  public Path mount() {
    return mount;
  }

  public Path hsmRoot() {
    return hsmRoot;
  }

  @Override
  public String toString() {
    return name() + " (pid " + pid() + ", " + mount + ")";
  }
}

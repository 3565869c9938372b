package org.lhsm.emulator.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Paths of one emulated filesystem directory {@code D}. */
public final class FsLayout {
  public static final String CONF_NAME = "lhsm-emulator.conf";
  private final Path dir;

  public FsLayout(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  public Path fs() {
    return dir.resolve("fs");
  }

  public Path dotLustre() {
    return fs().resolve(".lustre");
  }

  public Path fidDir() {
    return dotLustre().resolve("fid");
  }

  public Path volatileDir() {
    return dotLustre().resolve("volatile");
  }

  public Path conf() {
    return dotLustre().resolve(CONF_NAME);
  }

  public Path state() {
    return dir.resolve("state");
  }

  public Path params() {
    return state().resolve("params");
  }

  public Path socket() {
    return state().resolve("emulator.sock");
  }

  public Path pidFile() {
    return state().resolve("emulator.pid");
  }

  public Path mountsFile() {
    return state().resolve("mounts");
  }

  public Path fidsFile() {
    return state().resolve("fids");
  }

  public Path requestLog() {
    return state().resolve("hsm_actions.log");
  }

  public Path persistentParams() {
    return state().resolve("params.conf");
  }

  public Path daemonLog() {
    return state().resolve("emulator.log");
  }

  /** True when {@code D} already holds an emulated filesystem. */
  public boolean isEmulatorDir() {
    return Files.isRegularFile(conf()) && Files.isDirectory(state());
  }

  /** Reads the {@code key=value} marker/config file. */
  public Map<String, String> readConf() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(conf(), StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return out;
  }

  /** Creates the directory tree and the marker (idempotent); returns the fsname in use. */
  public String create(String fsname) throws IOException {
    Files.createDirectories(fidDir());
    Files.createDirectories(volatileDir());
    Files.createDirectories(params());
    String name = fsname;
    if (Files.exists(conf())) {
      name = readConf().getOrDefault("fsname", fsname);
    }
    String text =
        "socket=" + socket() + "\nfsname=" + name + "\nfsroot=" + fs().toRealPath() + "\n";
    AtomicFiles.write(conf(), text);
    return name;
  }

  /** Mount path for index {@code n} (1 = {@code mnt}, 2 = {@code mnt2}, ...). */
  public Path mountPath(int n) {
    return dir.resolve(n == 1 ? "mnt" : "mnt" + n);
  }

  static List<String> lines(Path p) throws IOException {
    return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
  }
}

package org.lhsm.agentctl.params;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds coordinator parameter files the way {@code lctl get_param} does: the same relative names
 * {@code mdt/<fs>-MDTxxxx/hsm/<name>} and {@code mdt/<fs>-MDTxxxx/hsm_control} are looked up under
 * each root in order, first hit wins. On 2.13+ tunables are in sysfs and list-type entries in
 * debugfs; on 2.10/2.12 everything is in procfs. The emulator lays out the same relative tree under
 * {@code <emu>/state/params}, reached with a single custom root.
 */
public final class ParamLocator {
  /** Where {@code lctl} looks, in its order. */
  public static final List<Path> SYSTEM_ROOTS =
      List.of(
          Path.of("/sys/fs/lustre"),
          Path.of("/sys/kernel/debug/lustre"),
          Path.of("/proc/fs/lustre"));

  private static final Pattern MDT_DEVICE = Pattern.compile("(.+)-MDT([0-9a-fA-F]{4})");

  private final List<Path> roots;

  public ParamLocator(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  public static ParamLocator system() {
    return new ParamLocator(SYSTEM_ROOTS);
  }

  public List<Path> roots() {
    return roots;
  }

  /** Filesystem names that have at least one MDT device under any root, sorted. */
  public List<String> filesystems() throws IOException {
    TreeSet<String> names = new TreeSet<>();
    for (String dev : allMdtDevices()) {
      Matcher m = MDT_DEVICE.matcher(dev);
      if (m.matches()) {
        names.add(m.group(1));
      }
    }
    return new ArrayList<>(names);
  }

  /** MDT device names of {@code fsname} ({@code lustre-MDT0000}, ...), sorted by index. */
  public List<String> mdts(String fsname) throws IOException {
    List<String> out = new ArrayList<>();
    for (String dev : allMdtDevices()) {
      Matcher m = MDT_DEVICE.matcher(dev);
      if (m.matches() && m.group(1).equals(fsname)) {
        out.add(dev);
      }
    }
    return out;
  }

  /** {@code mdt/<device>/hsm/<name>} under the first root that has it. */
  public Optional<Path> hsmParam(String device, String name) {
    return first(Path.of("mdt", device, "hsm", name));
  }

  /** {@code mdt/<device>/hsm_control} under the first root that has it. */
  public Optional<Path> hsmControl(String device) {
    return first(Path.of("mdt", device, "hsm_control"));
  }

  /** Where an absent parameter was looked for, for error messages. */
  public String describeSearch(String device, String name) {
    Path rel =
        name.equals("hsm_control")
            ? Path.of("mdt", device, "hsm_control")
            : Path.of("mdt", device, "hsm", name);
    List<String> where = new ArrayList<>();
    for (Path r : roots) {
      where.add(r.resolve(rel).toString());
    }
    return String.join(", ", where);
  }

  private Optional<Path> first(Path relative) {
    for (Path r : roots) {
      Path p = r.resolve(relative);
      if (Files.exists(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private TreeSet<String> allMdtDevices() throws IOException {
    TreeSet<String> devices = new TreeSet<>();
    for (Path r : roots) {
      Path mdt = r.resolve("mdt");
      if (!Files.isDirectory(mdt)) {
        continue;
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(mdt)) {
        for (Path d : ds) {
          String name = d.getFileName().toString();
          if (MDT_DEVICE.matcher(name).matches() && Files.isDirectory(d)) {
            devices.add(name);
          }
        }
      }
    }
    return devices;
  }
}

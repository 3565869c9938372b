package org.lhsm.faults.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lhsm.bindings.Fid;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.lhsm.faults.common.Emulators;
import org.lhsm.faults.common.Hsm;
import org.lhsm.faults.common.TreeSnapshot;

/**
 * What the cases refer to, made once: an emulated Lustre with two files, an HSM root with content,
 * a directory outside both, a plain directory that is not Lustre, config files good and bad, and
 * mode-000 copies for the unprivileged cases. {@link #snapshot()} is everything a bad command must
 * leave as it was.
 */
final class Fixture {
  final EmulatorProcess emu;
  final Path dir;
  final Path mnt;
  final Path root;
  final Path outside;
  final Path plain;
  final Path configs;
  final Path params;
  final Path file;
  final Path other;
  final Fid fid;
  private final Map<String, String> vars = new LinkedHashMap<>();

  Fixture(EmulatorProcess emu, Path dir) throws IOException {
    this.emu = emu;
    this.dir = dir;
    this.mnt = emu.mount(1).toAbsolutePath();
    this.params = emu.dir().resolve("state/params");
    root = Files.createDirectories(dir.resolve("archive"));
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("a"), "archived bytes\n");
    Files.writeString(root.resolve("sub/b"), "more archived bytes\n");
    Files.createSymbolicLink(root.resolve("link-out"), dir.resolve("outside"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "not an archive\n");
    plain = Files.createDirectories(dir.resolve("plain"));
    configs = Files.createDirectories(dir.resolve("configs"));
    Path locked = Files.createDirectories(dir.resolve("locked-root"));
    Files.writeString(locked.resolve("inside"), "x");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    file = mnt.resolve("f");
    other = mnt.resolve("g");
    Files.writeString(file, "lustre file f\n");
    Files.writeString(other, "lustre file g\n");
    fid = Hsm.fid(file);
    vars.put("{mnt}", mnt.toString());
    vars.put("{root}", root.toString());
    vars.put("{outside}", outside.toString());
    // the outside directory reached from the mount through ../ (the mount is elsewhere in /tmp)
    vars.put("{escape}", mnt + "/" + mnt.relativize(outside));
    vars.put("{plain}", plain.toString());
    vars.put("{missing}", dir.resolve("no-such-dir").toString());
    vars.put("{locked}", locked.toString());
    vars.put("{file}", file.toString());
    vars.put("{other}", other.toString());
    vars.put("{fid}", fid.toString());
    vars.put("{params}", params.toString());
    vars.put("{cfg}", configs.toString());
    writeConfigs();
  }

  private void writeConfigs() throws IOException {
    config("unknown-key", "archive_path: " + root + "\narchive_pth: /typo\n");
    config("bad-format", "archive_format: v9\narchive_path: " + root + "\n");
    config("bad-syntax", "archive_path " + root + "\n");
    config("indented", "  archive_path: " + root + "\n");
    config("unterminated", "archive_path: \"" + root + "\n");
    config("missing-root", "archive_path: " + dir.resolve("no-such-dir") + "\n");
    config("file-root", "archive_path: " + root.resolve("a") + "\n");
    config("traversal-root", "archive_path: " + root + "/no-such-dir/../\n");
    config("bad-backend", "archive_path: " + root + "\nbackend: ftp\n");
    config("bad-backend-id", "archive_path: " + root + "\nbackend.x: s3\n");
    config("bad-s3", "backend: s3\ns3_bucket: b\ns3_part_buffers: many\n");
    config("s3-no-bucket", "backend: s3\n");
    config("binary", new String(new char[] {0, 1, 2, 0xfffd, '\n'}));
    Path unreadable = config("unreadable", "archive_path: " + root + "\n");
    Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
    Files.createDirectories(configs.resolve("a-directory"));
  }

  private Path config(String name, String text) throws IOException {
    return Files.writeString(configs.resolve(name + ".yaml"), text);
  }

  /** The argument with every placeholder replaced. */
  String expand(String s) {
    String out = s;
    for (Map.Entry<String, String> e : vars.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  List<String> expand(List<String> args) {
    return args.stream().map(this::expand).toList();
  }

  /** Disk and HSM state a bad command must not change. */
  record State(List<TreeSnapshot> trees, String hsm, int actions) {
    List<String> diff(State before) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < trees.size(); i++) {
        out.addAll(trees.get(i).diff(before.trees.get(i)));
      }
      if (!hsm.equals(before.hsm)) {
        out.add("HSM state changed: " + before.hsm + " -> " + hsm);
      }
      if (actions != before.actions) {
        out.add("coordinator requests " + before.actions + " -> " + actions);
      }
      return out;
    }
  }

  State snapshot() throws IOException {
    Path hsm = params.resolve("mdt/lustre-MDT0000/hsm");
    return new State(
        List.of(
            TreeSnapshot.of(root),
            TreeSnapshot.of(emu.dir().resolve("fs"), emu.dir().resolve("fs/.lustre")),
            TreeSnapshot.of(outside),
            TreeSnapshot.of(plain),
            TreeSnapshot.of(configs),
            TreeSnapshot.of(dir.resolve("locked-root")),
            // the tunables and the control file; the lists the daemon republishes are not ours
            TreeSnapshot.of(
                hsm, hsm.resolve("actions"), hsm.resolve("agents"), hsm.resolve("active_requests")),
            TreeSnapshot.of(params.resolve("mdt/lustre-MDT0000/hsm_control"))),
        Hsm.states(file) + " " + Hsm.states(other),
        Emulators.actions(emu).size());
  }
}

package org.lhsm.faults.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.UserAction;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.posix.ArchivePaths;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.faults.common.CopytoolLog;
import org.lhsm.faults.common.CopytoolProcess;
import org.lhsm.faults.common.Hsm;
import org.lhsm.faults.common.TreeSnapshot;

/**
 * A symbolic link planted in a served copytool's archive tree, pointing outside its HSM root: the
 * RESTORE, ARCHIVE or REMOVE that meets it must fail with ELOOP naming the link, leave the file's
 * HSM state as it was and touch nothing outside the root.
 */
final class PlantedLinks {
  static final int ELOOP = 40;

  /** Where the link is planted and which request meets it. */
  enum Plant {
    RESTORE_THROUGH_DIRECTORY,
    RESTORE_OF_LINKED_DATA_FILE,
    ARCHIVE_THROUGH_DIRECTORY,
    REMOVE_THROUGH_DIRECTORY
  }

  private final CopytoolProcess ct;
  private final Path mnt;
  private final Path outside;
  private final ArchivePaths paths;

  PlantedLinks(CopytoolProcess ct, Path mnt, Path root, Path outside) {
    this.ct = ct;
    this.mnt = mnt;
    this.outside = outside;
    this.paths = new ArchivePaths(root, ArchiveFormat.V1);
  }

  /** Runs one plant; returns the problem, or null. */
  String run(Plant p, int k) throws IOException {
    Path f = mnt.resolve("planted-" + k);
    Files.writeString(f, "bytes of " + f + "\n");
    Fid fid = Hsm.fid(f);
    Path data = paths.dataPath(fid);
    Path target = Files.createDirectories(outside.resolve("k" + k));
    UserAction request;
    Path link;
    if (p == Plant.ARCHIVE_THROUGH_DIRECTORY) {
      link = data.getParent();
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, target);
      request = UserAction.ARCHIVE;
    } else {
      archive(f);
      if (p != Plant.REMOVE_THROUGH_DIRECTORY) {
        Hsm.request(f, UserAction.RELEASE, 0);
      }
      if (p == Plant.RESTORE_OF_LINKED_DATA_FILE) {
        link = data;
        Files.move(data, target.resolve(data.getFileName()));
      } else {
        link = data.getParent();
        moveTree(link, target);
      }
      Files.createSymbolicLink(
          link, link.equals(data) ? target.resolve(data.getFileName()) : target);
      request = p == Plant.REMOVE_THROUGH_DIRECTORY ? UserAction.REMOVE : UserAction.RESTORE;
    }
    String statesBefore = Hsm.states(f).toString();
    TreeSnapshot before = TreeSnapshot.of(outside);
    int ended = CopytoolLog.of(ct.output(), fid.toNoBraceString()).size();
    Hsm.request(f, request, 1);
    Await.until(
        p + " of " + f + " ended",
        () -> CopytoolLog.of(ct.output(), fid.toNoBraceString()).size() > ended && Hsm.idle(f));
    CopytoolLog.Completion c = CopytoolLog.of(ct.output(), fid.toNoBraceString()).get(ended);
    List<String> problems = new ArrayList<>();
    if (c.errno() != ELOOP) {
      problems.add(request + " ended with errno " + c.errno() + ", expected ELOOP (40)");
    }
    if (p == Plant.ARCHIVE_THROUGH_DIRECTORY) {
      // the coordinator flags EXISTS when it takes an ARCHIVE; only ARCHIVED would be wrong
      if (Hsm.states(f).contains(HsmState.ARCHIVED)) {
        problems.add("archived although its archive directory is a link out");
      }
    } else if (!Hsm.states(f).toString().equals(statesBefore)) {
      problems.add("HSM state " + statesBefore + " -> " + Hsm.states(f));
    }
    problems.addAll(TreeSnapshot.of(outside).diff(before));
    if (!ct.output().contains("'" + link + "'")) {
      problems.add("the copytool log does not name " + link);
    }
    return problems.isEmpty() ? null : p + ": " + String.join("; ", problems);
  }

  private static void archive(Path f) throws IOException {
    Hsm.request(f, UserAction.ARCHIVE, 1);
    Await.until("archived " + f, () -> Hsm.states(f).contains(HsmState.ARCHIVED));
  }

  /** Moves the files of {@code dir} into {@code to}, then removes {@code dir}. */
  private static void moveTree(Path dir, Path to) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path e : s.toList()) {
        Files.move(e, to.resolve(e.getFileName()));
      }
    }
    Files.delete(dir);
  }
}

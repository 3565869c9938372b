package org.lhsm.faults.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lhsm.bindings.Fid;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.lhsm.faults.common.Load.TestFile;

/** The checks every crash campaign makes on the archive tree and the coordinator. */
public final class Audits {
  private static final Map<String, Long> EXPECTED = new ConcurrentHashMap<>();
  private static final Map<String, Long> SEEN = new ConcurrentHashMap<>();

  private Audits() {}

  /** CRC32C of a test file's content, computed once. */
  static long expected(TestFile f) {
    return EXPECTED.computeIfAbsent(
        f.size + ":" + f.seed, k -> Workload.expectedCrc(f.size, f.seed));
  }

  /** CRC32C of {@code p}, read again only when its inode, size or mtime changed. */
  static long crc(Path p) throws IOException {
    Map<String, Object> a =
        Files.readAttributes(p, "unix:ino,size,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
    String key =
        p
            + " "
            + a.get("ino")
            + " "
            + a.get("size")
            + " "
            + a.get("lastModifiedTime")
            + " "
            + a.get("ctime");
    Long c = SEEN.get(key);
    if (c == null) {
      c = Workload.crc(p);
      SEEN.put(key, c);
    }
    return c;
  }

  private static Map<Fid, TestFile> byFid(Load load) {
    Map<Fid, TestFile> m = new HashMap<>();
    for (TestFile f : load.files()) {
      m.put(f.fid, f);
    }
    return m;
  }

  /** Archive files under a final name whose bytes are not their file's. */
  public static List<String> wrongFinalNames(Path archive, Load load) throws IOException {
    List<String> out = new ArrayList<>();
    Map<Fid, TestFile> files = byFid(load);
    for (Map.Entry<Fid, Path> e : ArchiveAudit.scan(archive).dataFiles.entrySet()) {
      TestFile f = files.get(e.getKey());
      if (f == null) {
        out.add("archive file of an unknown FID: " + e.getValue());
        continue;
      }
      try {
        if (Files.size(e.getValue()) != f.size || crc(e.getValue()) != expected(f)) {
          out.add("wrong content under the final name " + e.getValue());
        }
      } catch (java.nio.file.NoSuchFileException gone) {
        // removed meanwhile: nothing under that name
      }
    }
    return out;
  }

  /** Every archived file has its right archive copy; every other file none. */
  public static List<String> archiveMatchesLoad(Path archive, Load load) throws IOException {
    List<String> out = new ArrayList<>(wrongFinalNames(archive, load));
    Map<Fid, Path> data = ArchiveAudit.scan(archive).dataFiles;
    for (TestFile f : load.files()) {
      boolean has = data.containsKey(f.fid);
      if (f.archived && !has) {
        out.add(f.path.getFileName() + " " + f.fid + ": archived, but no archive file");
      } else if (!f.archived && has) {
        out.add(
            f.path.getFileName()
                + " "
                + f.fid
                + ": not archived, yet "
                + data.get(f.fid)
                + " exists");
      }
    }
    return out;
  }

  /** No {@code _tmp} file left in the archive. */
  public static List<String> noDebris(Path archive) throws IOException {
    List<Path> t = ArchiveAudit.scan(archive).temporaries;
    return t.isEmpty() ? List.of() : List.of(t.size() + " temporary files left: " + t);
  }

  /** Waits until no record is WAITING or STARTED; lists those that stay. */
  public static List<String> allRecordsFinal(EmulatorProcess emu, Duration limit)
      throws IOException {
    if (Await.within(limit, () -> openRecords(emu).isEmpty())) {
      return List.of();
    }
    List<Actions.Record> open = openRecords(emu);
    return open.isEmpty() ? List.of() : List.of(open.size() + " requests never finished: " + open);
  }

  private static List<Actions.Record> openRecords(EmulatorProcess emu) throws IOException {
    return Emulators.actions(emu).stream().filter(r -> !r.isFinal()).toList();
  }

  /** {@code min/median/max} of some numbers ({@code -} when none). */
  public static String minMedianMax(List<Long> values) {
    if (values.isEmpty()) {
      return "-";
    }
    List<Long> v = new ArrayList<>(values);
    Collections.sort(v);
    return v.get(0) + "/" + v.get(v.size() / 2) + "/" + v.get(v.size() - 1);
  }
}

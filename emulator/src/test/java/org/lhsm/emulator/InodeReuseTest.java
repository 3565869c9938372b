package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.emulator.codec.Hsm.HS_ARCHIVED;
import static org.lhsm.emulator.codec.Hsm.HS_EXISTS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.fs.EmulatedFs;
import org.lhsm.emulator.fs.FileRecord;
import org.lhsm.emulator.fs.FsLayout;

/** A reused inode must never hand a deleted object's FID and HSM state to a new object. */
class InodeReuseTest {
  @TempDir Path dir;
  FsLayout layout;
  EmulatedFs fs;

  @BeforeEach
  void setUp() throws Exception {
    layout = new FsLayout(dir);
    layout.create("lustre");
    fs = new EmulatedFs(layout);
  }

  @AfterEach
  void tearDown() throws Exception {
    fs.close();
  }

  private Path file(String name, String content) throws Exception {
    Path p = fs.root().resolve(name);
    Files.writeString(p, content);
    return p;
  }

  /**
   * Whether this JVM reads real birth times here: creationTime does not follow an mtime set far in
   * the past (without birth times the JDK reports the mtime).
   */
  private boolean birthTimes() throws Exception {
    Path probe = Files.createTempFile(dir, "btime-probe", "");
    try {
      FileTime past = FileTime.fromMillis(1_000_000_000_000L);
      Files.setLastModifiedTime(probe, past);
      return !Files.getAttribute(probe, "unix:creationTime").equals(past);
    } finally {
      Files.delete(probe);
    }
  }

  private static long ns(Path p, String attr) throws Exception {
    return ((FileTime) Files.getAttribute(p, "unix:" + attr)).to(TimeUnit.NANOSECONDS);
  }

  @Test
  void aNewFileOnAReusedInodeGetsANewFidAndNoHsmState() throws Exception {
    Path old = file("deleted", "1");
    FileRecord r = fs.regularFile(old.toString());
    fs.update(r, HS_EXISTS | HS_ARCHIVED, 1, r.dataVersion());
    Assumptions.assumeTrue(birthTimes(), "no file birth times with this JVM here");
    Object inode = Files.getAttribute(old, "unix:ino");
    Files.delete(old);
    Path reused = null;
    for (int i = 0; i < 64 && reused == null; i++) {
      Path f = file("new-" + i, "2");
      if (Files.getAttribute(f, "unix:ino").equals(inode)) {
        reused = f;
      }
    }
    Assumptions.assumeTrue(reused != null, "the local filesystem did not reuse the inode");
    FileRecord fresh = fs.regularFile(reused.toString());
    assertThat(fresh.fid()).isNotEqualTo(r.fid());
    assertThat(fresh.flags()).isZero();
    assertThat(fresh.archiveId()).isZero();
    assertThat(fs.find(r.fid())).as("the deleted object is forgotten").isNull();
  }

  @Test
  void anObjectWhoseBirthTimeIsNotTheRecordsIsANewObject() throws Exception {
    // Deterministic stand-in for inode reuse: the table knows the inode with another birth time.
    Assumptions.assumeTrue(birthTimes(), "no file birth times with this JVM here");
    fs.close();
    Path a = file("a", "1");
    Fid old = new Fid(0x200000401L, 7, 0);
    Files.writeString(
        layout.fidsFile(),
        String.join(
                " ",
                "F3",
                old.noBrace(),
                Files.getAttribute(a, "unix:ino").toString(),
                Long.toString(ns(a, "creationTime") - 1),
                Integer.toString(HS_EXISTS | HS_ARCHIVED),
                "1",
                "1",
                "1",
                "1",
                Long.toString(ns(a, "lastModifiedTime")),
                Long.toString(ns(a, "ctime")),
                "1",
                "0",
                "a")
            + "\n");
    fs = new EmulatedFs(layout);
    assertThat(fs.path2fid(a.toString())).isNotEqualTo(old);
    assertThat(fs.regularFile(a.toString()).flags()).isZero();
    assertThat(fs.find(old)).isNull();
  }

  @Test
  void restoreKeepsTheFidOnTheRestoredFileAcrossARestart() throws Exception {
    Path a = file("a", "0123456789");
    FileRecord r = fs.regularFile(a.toString());
    fs.update(r, HS_EXISTS | HS_ARCHIVED, 1, r.dataVersion());
    fs.release(r);
    FileRecord v = fs.createVolatile(r.fid());
    Files.writeString(fs.pathOf(v), "0123456789");
    fs.commitRestore(r, v.fid());
    fs.close();
    fs = new EmulatedFs(layout);
    FileRecord again = fs.regularFile(a.toString());
    assertThat(again.fid()).isEqualTo(r.fid());
    assertThat(again.flags()).isEqualTo(HS_EXISTS | HS_ARCHIVED);
    assertThat(fs.resolve(r.fid())).isEqualTo(a);
  }

  @Test
  void aLegacyTableWithoutTagsStillLoadsAndKeepsFidStateAndVersion() throws Exception {
    fs.close();
    Path a = file("a", "abc");
    long ino = (Long) Files.getAttribute(a, "unix:ino");
    long mtime =
        ((FileTime) Files.getAttribute(a, "unix:lastModifiedTime")).to(TimeUnit.NANOSECONDS);
    long ctime = ((FileTime) Files.getAttribute(a, "unix:ctime")).to(TimeUnit.NANOSECONDS);
    Fid fid = new Fid(0x200000401L, 7, 0);
    int flags = HS_EXISTS | HS_ARCHIVED;
    Files.writeString(
        layout.fidsFile(),
        "next "
            + 0x200000401L
            + " 8\n"
            + String.join(
                " ",
                "F",
                fid.noBrace(),
                Long.toString(ino),
                Integer.toString(flags),
                "1",
                "5",
                "5",
                "3",
                Long.toString(mtime),
                Long.toString(ctime),
                "1",
                "0",
                "a")
            + "\n");
    fs = new EmulatedFs(layout);
    FileRecord r = fs.regularFile(a.toString());
    assertThat(r.fid()).isEqualTo(fid);
    assertThat(r.flags()).as("tagging is not a data change").isEqualTo(flags);
    assertThat(r.dataVersion()).isEqualTo(5);
    fs.close();
    fs = new EmulatedFs(layout);
    assertThat(fs.regularFile(a.toString()).dataVersion()).isEqualTo(5);
    assertThat(fs.path2fid(file("b", "x").toString()).oid()).isEqualTo(8);
  }
}

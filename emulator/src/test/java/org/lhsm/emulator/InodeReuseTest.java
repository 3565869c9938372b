package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.emulator.codec.Hsm.HS_ARCHIVED;
import static org.lhsm.emulator.codec.Hsm.HS_EXISTS;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
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

  /** Whether the backing filesystem lets this process set user xattrs (probe on a scratch file). */
  private boolean userXattrs() throws Exception {
    Path probe = Files.createTempFile(dir, "xattr-probe", "");
    try {
      Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class)
          .write("probe", java.nio.ByteBuffer.wrap(new byte[] {1}));
      return true;
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return false;
    } finally {
      Files.delete(probe);
    }
  }

  @Test
  void aNewFileOnAReusedInodeGetsANewFidAndNoHsmState() throws Exception {
    Path old = file("deleted", "1");
    FileRecord r = fs.regularFile(old.toString());
    fs.update(r, HS_EXISTS | HS_ARCHIVED, 1, r.dataVersion());
    Assumptions.assumeTrue(userXattrs(), "the backing filesystem has no user xattrs");
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
  void anObjectWhoseTagNamesAnotherFidIsANewObject() throws Exception {
    // Deterministic stand-in for inode reuse: same inode, but the object carries another tag.
    Path a = file("a", "1");
    FileRecord r = fs.regularFile(a.toString());
    fs.update(r, HS_EXISTS | HS_ARCHIVED, 1, r.dataVersion());
    Assumptions.assumeTrue(userXattrs(), "the backing filesystem has no user xattrs");
    Files.getFileAttributeView(a, UserDefinedFileAttributeView.class)
        .write("lhsm.fid", StandardCharsets.US_ASCII.encode("0x200000401:0x99:0x0"));
    assertThat(fs.path2fid(a.toString())).isNotEqualTo(r.fid());
    assertThat(fs.regularFile(a.toString()).flags()).isZero();
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

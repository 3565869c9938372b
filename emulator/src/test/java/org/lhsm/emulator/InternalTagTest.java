package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.emulator.codec.Hsm.HS_ARCHIVED;
import static org.lhsm.emulator.codec.Hsm.HS_EXISTS;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.UserImport;
import org.lhsm.emulator.fs.EmulatedFs;
import org.lhsm.emulator.fs.FileRecord;
import org.lhsm.emulator.fs.FsLayout;

/**
 * The emulator keeps its object identity to itself: nothing it puts on a file can be seen by a
 * copytool, which lists a file's xattrs with libc ({@code llistxattr}) and copies them into the
 * archive. Tables of older daemons that identified objects by a {@code user.lhsm.fid} xattr are
 * migrated and the xattr is removed.
 */
class InternalTagTest {
  private static final String OLD_TAG = "lhsm.fid";
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

  private static UserDefinedFileAttributeView xattrs(Path p) {
    return Files.getFileAttributeView(p, UserDefinedFileAttributeView.class);
  }

  /** The user xattr names of a file, as {@code llistxattr} shows them (without "user."). */
  private static List<String> userXattrs(Path p) throws IOException {
    return xattrs(p).list();
  }

  private void assumeUserXattrs() throws Exception {
    Path probe = Files.createTempFile(dir, "xattr-probe", "");
    try {
      xattrs(probe).write("probe", ByteBuffer.wrap(new byte[] {1}));
    } catch (IOException | UnsupportedOperationException e) {
      Assumptions.assumeTrue(false, "the backing filesystem has no user xattrs");
    } finally {
      Files.delete(probe);
    }
  }

  @Test
  void filesTheDaemonWorkedOnCarryNoXattrOfItsOwn() throws Exception {
    assumeUserXattrs();
    Path a = Files.writeString(fs.root().resolve("a"), "0123456789");
    Path d = Files.createDirectory(fs.root().resolve("d"));
    fs.path2fid(d.toString());
    FileRecord r = fs.regularFile(a.toString());
    fs.update(r, HS_EXISTS | HS_ARCHIVED, 1, r.dataVersion());
    fs.release(r);
    FileRecord v = fs.createVolatile(r.fid());
    assertThat(userXattrs(fs.pathOf(v))).as("volatile file").isEmpty();
    Files.writeString(fs.pathOf(v), "0123456789");
    fs.commitRestore(r, v.fid());
    Path imported = fs.root().resolve("imported");
    fs.importFile(imported.toString(), new UserImport(10, 0, 0, 0, 0, 0, 0, 0644, 1));
    fs.scan();
    assertThat(userXattrs(a)).as("restored file").isEmpty();
    assertThat(userXattrs(d)).as("directory").isEmpty();
    assertThat(userXattrs(imported)).as("imported file").isEmpty();
  }

  @Test
  void aTagCopiedOntoAFileFromElsewhereIsRemovedAtFirstSight() throws Exception {
    assumeUserXattrs();
    Path a = Files.writeString(fs.root().resolve("a"), "x");
    xattrs(a).write(OLD_TAG, StandardCharsets.US_ASCII.encode("0x200000401:0x63:0x0"));
    Fid fid = fs.path2fid(a.toString());
    assertThat(userXattrs(a)).isEmpty();
    assertThat(fs.path2fid(a.toString())).isEqualTo(fid);
    assertThat(fs.regularFile(a.toString()).dataVersion()).as("no data change").isEqualTo(1);
  }

  private static long ns(Path p, String attr) throws IOException {
    return ((FileTime) Files.getAttribute(p, "unix:" + attr)).to(TimeUnit.NANOSECONDS);
  }

  /** An F2 line as the tag-based daemon wrote it, baseline taken from the file as it is now. */
  private static String f2(Fid fid, Path p, int flags, long dataVersion, String rel)
      throws IOException {
    return String.join(
        " ",
        "F2",
        fid.noBrace(),
        Files.getAttribute(p, "unix:ino").toString(),
        "1",
        Integer.toString(flags),
        "1",
        Long.toString(dataVersion),
        Long.toString(dataVersion),
        Long.toString(Files.size(p)),
        Long.toString(ns(p, "lastModifiedTime")),
        Long.toString(ns(p, "ctime")),
        "1",
        "0",
        rel);
  }

  @Test
  void aTagBasedTableIsMigratedAndTheTagsRemoved() throws Exception {
    assumeUserXattrs();
    fs.close();
    Fid fa = new Fid(0x200000401L, 1, 0);
    Fid fb = new Fid(0x200000401L, 2, 0);
    Fid fc = new Fid(0x200000401L, 3, 0);
    Path a = Files.writeString(fs.root().resolve("a"), "archived");
    xattrs(a).write(OLD_TAG, StandardCharsets.US_ASCII.encode(fa.noBrace()));
    Path b = Files.writeString(fs.root().resolve("b"), "another object on b's inode");
    xattrs(b).write(OLD_TAG, StandardCharsets.US_ASCII.encode("0x200000401:0x9:0x0"));
    Path c = Files.writeString(fs.root().resolve("c"), "deleted");
    String cLine = f2(fc, c, HS_EXISTS | HS_ARCHIVED, 4, "c");
    Files.delete(c);
    Files.writeString(
        layout.fidsFile(),
        "next "
            + 0x200000401L
            + " 10\n"
            + f2(fa, a, HS_EXISTS | HS_ARCHIVED, 7, "a")
            + "\n"
            + f2(fb, b, HS_EXISTS | HS_ARCHIVED, 3, "b")
            + "\n"
            + cLine
            + "\n");

    fs = new EmulatedFs(layout);

    assertThat(userXattrs(a)).as("tag removed by the migration").isEmpty();
    FileRecord ra = fs.regularFile(a.toString());
    assertThat(ra.fid()).isEqualTo(fa);
    assertThat(ra.flags()).as("removing the tag is not a data change").isEqualTo(0x9);
    assertThat(ra.dataVersion()).isEqualTo(7);
    assertThat(fs.find(fb)).as("b's inode holds an object with another tag: a new object").isNull();
    assertThat(fs.find(fc)).as("c is gone").isNull();
    assertThat(fs.scan()).extracting(FileRecord::fid).containsExactlyInAnyOrder(fb, fc);
    FileRecord rb = fs.regularFile(b.toString());
    assertThat(rb.fid()).isNotIn(fa, fb, fc);
    assertThat(rb.flags()).isZero();
    assertThat(userXattrs(b)).isEmpty();
    assertThat(Files.readAllLines(layout.fidsFile())).noneMatch(l -> l.startsWith("F2 "));

    fs.close();
    fs = new EmulatedFs(layout);
    assertThat(fs.path2fid(a.toString())).isEqualTo(fa);
    assertThat(fs.regularFile(a.toString()).flags()).isEqualTo(0x9);
  }
}

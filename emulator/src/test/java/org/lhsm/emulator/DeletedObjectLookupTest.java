package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.emulator.codec.Hsm.HS_ARCHIVED;
import static org.lhsm.emulator.codec.Hsm.HS_EXISTS;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.WireWriter;
import org.lhsm.emulator.fs.EmulatedFs;
import org.lhsm.emulator.fs.FileRecord;
import org.lhsm.emulator.fs.FsLayout;
import org.lhsm.emulator.server.Op;
import org.lhsm.emulator.testing.ProtocolClient;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.InProcessEmulator;

/**
 * A deleted object is gone for every lookup by FID, as on Lustre ({@code ENOENT}), and its {@code
 * .lustre/fid/<FID>} entry does not stay behind as a dangling link once the daemon has noticed (at
 * any lookup or at the housekeeping scan).
 */
class DeletedObjectLookupTest {
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

  private Path link(Fid fid) {
    return layout.fidDir().resolve(fid.noBrace());
  }

  private static boolean present(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static int errno(Lookup l) {
    try {
      l.run();
      return 0;
    } catch (HsmException e) {
      return e.errno();
    }
  }

  interface Lookup {
    void run() throws HsmException;
  }

  @Test
  void aLookupByFidThatFindsTheObjectGoneRemovesItsFidLink() throws Exception {
    Path a = Files.writeString(fs.root().resolve("a"), "x");
    Fid fid = fs.path2fid(a.toString());
    assertThat(link(fid)).isSymbolicLink();
    Files.delete(a);
    assertThat(errno(() -> fs.resolve(fid))).isEqualTo(Errno.ENOENT);
    assertThat(present(link(fid))).as(".lustre/fid entry of the deleted object").isFalse();
    assertThat(fs.find(fid)).as("the deleted object is forgotten").isNull();
    assertThat(errno(() -> fs.fid2path(fid))).isEqualTo(Errno.ENOENT);
  }

  @Test
  void aPathUnderDotLustreFidIsALookupByFid() throws Exception {
    Path a = Files.writeString(fs.root().resolve("a"), "x");
    Fid fid = fs.path2fid(a.toString());
    Path byFid = fs.root().resolve(".lustre/fid/" + fid.noBrace());
    assertThat(fs.path2fid(byFid.toString())).isEqualTo(fid);
    assertThat(fs.regularFile(byFid.toString()).fid()).isEqualTo(fid);
    Files.delete(a);
    Files.writeString(fs.root().resolve("a"), "a new file at the same path");
    assertThat(errno(() -> fs.path2fid(byFid.toString()))).isEqualTo(Errno.ENOENT);
    assertThat(errno(() -> fs.regularFile(byFid.toString()))).isEqualTo(Errno.ENOENT);
    assertThat(present(link(fid))).isFalse();
    assertThat(fs.path2fid(fs.root().resolve("a").toString())).isNotEqualTo(fid);
    assertThat(errno(() -> fs.path2fid(fs.root().resolve(".lustre/fid/bogus").toString())))
        .isEqualTo(Errno.ENOENT);
  }

  @Test
  void aLinkOfAnUnknownFidIsRemovedAtStart() throws Exception {
    Path a = Files.writeString(fs.root().resolve("a"), "x");
    fs.path2fid(a.toString());
    fs.close();
    Fid unknown = new Fid(0x200000401L, 0x99, 0);
    Files.createSymbolicLink(link(unknown), Path.of("../../a"));
    fs = new EmulatedFs(layout);
    assertThat(present(link(unknown))).isFalse();
    assertThat(link(fs.path2fid(a.toString()))).isSymbolicLink();
  }

  @Test
  void anObjectFoundGoneByALookupStillReachesTheHousekeepingScan() throws Exception {
    Path a = Files.writeString(fs.root().resolve("a"), "x");
    FileRecord r = fs.regularFile(a.toString());
    fs.update(r, HS_EXISTS | HS_ARCHIVED, 1, r.dataVersion());
    Files.delete(a);
    assertThat(errno(() -> fs.resolve(r.fid()))).isEqualTo(Errno.ENOENT);
    assertThat(fs.scan()).extracting(FileRecord::fid).containsExactly(r.fid());
    assertThat(fs.scan()).isEmpty();
  }

  @Test
  void throughTheDaemonFidLookupsOfADeletedFileAnswerEnoentAndRaoluStillQueuesTheRemove()
      throws Exception {
    fs.close();
    try (InProcessEmulator fx = EmulatorLauncher.create().under(dir).startInProcess();
        ProtocolClient user = new ProtocolClient(fx.socket())) {
      fx.set("hsm/remove_archive_on_last_unlink", "1");
      Path f = fx.file("f", "data");
      Fid fid = user.path2fid(f);
      assertThat(user.stateSet(f, HS_EXISTS | HS_ARCHIVED, 0, 1)).isZero();
      Path fidLink = fx.daemon().layout().fidDir().resolve(fid.noBrace());
      Files.delete(f);
      byte[] byFid = new WireWriter().fid(fid).toBytes();
      assertThat(user.call(Op.FID_RESOLVE, byFid).rc()).isEqualTo(-Errno.ENOENT);
      assertThat(present(fidLink)).isFalse();
      assertThat(user.call(Op.FID2PATH, new WireWriter().fid(fid).u64(0).u32(0).toBytes()).rc())
          .isEqualTo(-Errno.ENOENT);
      fx.advance(60);
      assertThat(fx.param("hsm/actions")).contains("fid=" + fid).contains("action=REMOVE");
    }
    fs = new EmulatedFs(layout);
  }
}

package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.emulator.codec.Hsm.HUA_ARCHIVE;
import static org.lhsm.emulator.codec.Hsm.HUA_RELEASE;
import static org.lhsm.emulator.codec.Hsm.HUA_RESTORE;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.ActionList;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.OpenFile;
import org.lhsm.emulator.codec.WireReader;
import org.lhsm.emulator.codec.WireWriter;
import org.lhsm.emulator.server.Op;
import org.lhsm.emulator.testing.ProtocolClient;
import org.lhsm.emulator.testing.TestCopytool;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.InProcessEmulator;

/**
 * The descriptor operations (state, current action, data version, fd2fid) name the descriptor's
 * object. On Lustre 2.16.1 a descriptor opened before a restore still names the file after it (the
 * layout is swapped, the inode stays: {@code hsm-api-client} on the VM); the emulator's restore
 * renames another object over the file, so the daemon must find the file from the replaced object.
 * The faults' coordinator-kill load met this as a {@code NoSuchFileException} for the load file's
 * own path: a state poll opened the file, the restore's rename came before the library read the
 * descriptor's path, which then ended in {@code (deleted)}.
 */
class OpenDescriptorTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir Path dir;
  InProcessEmulator fx;
  ProtocolClient user;

  @BeforeEach
  void start() throws Exception {
    fx = EmulatorLauncher.create().under(dir).startInProcess();
    user = new ProtocolClient(fx.socket());
  }

  @AfterEach
  void stop() throws Exception {
    user.close();
    fx.close();
  }

  /** What the library sends for a descriptor open on the object now at {@code p}. */
  private record Descriptor(long ino, long birthTimeNs) {
    static Descriptor on(Path p) throws Exception {
      long ino = (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
      FileTime birth =
          (FileTime) Files.getAttribute(p, "unix:creationTime", LinkOption.NOFOLLOW_LINKS);
      return new Descriptor(ino, birth.to(TimeUnit.NANOSECONDS));
    }

    WireWriter at(String path) {
      return new OpenFile(path, ino, birthTimeNs).writeTo(new WireWriter());
    }
  }

  private static ActionItem only(ActionList.Decoded list) {
    assertThat(list).as("an action list arrives").isNotNull();
    assertThat(list.items()).hasSize(1);
    return list.items().get(0);
  }

  /** Archives and releases {@code f} with {@code ct}. */
  private void archiveAndRelease(TestCopytool ct, Path f, Fid fid) throws Exception {
    assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], fid)).isZero();
    ActionItem a = only(ct.next(WAIT));
    assertThat(ct.control().copyStart(a).rc()).isZero();
    assertThat(ct.control().copyEnd(a, 0, 0)).isZero();
    assertThat(user.request(f, HUA_RELEASE, 0, 0, new byte[0], fid)).isZero();
    assertThat(user.state(f)[0]).isEqualTo(0xd);
  }

  /** Restores {@code fid} with {@code ct}, writing {@code data} into its volatile file. */
  private void restore(TestCopytool ct, Fid fid, String data) throws Exception {
    assertThat(user.request(fx.mount(1), HUA_RESTORE, 0, 0, new byte[0], fid)).isZero();
    ActionItem r = only(ct.next(WAIT));
    WireReader vol =
        ct.control().ok(Op.CREATE_VOLATILE, new WireWriter().fid(fid).u32(-1).toBytes());
    Fid vfid = vol.fid();
    Files.writeString(Path.of(vol.string()), data);
    assertThat(ct.control().copyStart(r.withDfid(vfid)).rc()).isZero();
    ActionItem end = new ActionItem(r.action(), vfid, vfid, 0, -1L, r.cookie(), 0, new byte[0]);
    assertThat(ct.control().copyEnd(end, 0, 0)).isZero();
  }

  @Test
  void aDescriptorOpenedBeforeARestoreNamesTheFileAfterIt() throws Exception {
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      Path f = fx.file("f", "0123456789");
      Fid fid = user.path2fid(f);
      archiveAndRelease(ct, f, fid);
      Descriptor held = Descriptor.on(f);
      restore(ct, fid, "0123456789");
      assertThat(Descriptor.on(f).ino())
          .as("the restore replaced the object")
          .isNotEqualTo(held.ino());

      // the descriptor's path read after the restore, and read before it (the daemon saw the
      // restore first)
      for (String path : new String[] {f + " (deleted)", f.toString()}) {
        WireReader st = user.ok(Op.STATE_GET, held.at(path).toBytes());
        assertThat(st.u32()).as("states through %s", path).isEqualTo(0x9);
        assertThat(user.ok(Op.FD2FID, held.at(path).toBytes()).fid()).isEqualTo(fid);
        WireReader ca = user.ok(Op.CURRENT_ACTION, held.at(path).toBytes());
        assertThat(ca.u32()).isNotNegative();
        long dv = user.ok(Op.DATA_VERSION_GET, held.at(path).u64(0).toBytes()).u64();
        long dvByPath =
            user.ok(Op.DATA_VERSION_GET, ProtocolClient.openFile(f).u64(0).toBytes()).u64();
        assertThat(dv).isEqualTo(dvByPath);
      }
    }
  }

  @Test
  void aDescriptorOfADeletedFileDoesNotNameTheNextObjectAtItsPath() throws Exception {
    Path g = fx.file("g", "old");
    Fid old = user.path2fid(g);
    Descriptor held = Descriptor.on(g);
    Fid next;
    // held open, as by the client: its inode cannot go to the next file
    try (FileChannel open = FileChannel.open(g)) {
      Files.delete(g);
      Files.writeString(g, "a new file at the same path");
      next = user.path2fid(g);
      assertThat(next).isNotEqualTo(old);
      assertThat(open.size()).as("the descriptor's object is the deleted one").isEqualTo(3);
      for (String path : new String[] {g + " (deleted)", g.toString()}) {
        assertThat(user.call(Op.STATE_GET, held.at(path).toBytes()).rc())
            .as("state through %s", path)
            .isEqualTo(-Errno.ENOENT);
        assertThat(user.call(Op.FD2FID, held.at(path).toBytes()).rc()).isEqualTo(-Errno.ENOENT);
      }
    }
    assertThat(user.ok(Op.FD2FID, Descriptor.on(g).at(g.toString()).toBytes()).fid())
        .isEqualTo(next);
    assertThat(user.ok(Op.FD2FID, ProtocolClient.openFile(g).toBytes()).fid())
        .as("no inode: the object at the path")
        .isEqualTo(next);
  }
}

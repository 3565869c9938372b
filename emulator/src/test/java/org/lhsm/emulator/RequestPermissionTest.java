package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lhsm.emulator.codec.Hsm.HS_ARCHIVED;
import static org.lhsm.emulator.codec.Hsm.HS_EXISTS;
import static org.lhsm.emulator.codec.Hsm.HS_RELEASED;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.cdt.Peer;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.UserRequest;
import org.lhsm.emulator.fs.FileRecord;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.InProcessEmulator;

/**
 * Who may request what, judged as Lustre 2.16 does, with peers that are not the test's user (no
 * root needed): a release is a write lease (file mode, not request masks); a cancel that matches
 * nothing is dropped before the masks are consulted. Both were found by the faults campaign {@code
 * permissions}.
 */
class RequestPermissionTest {
  @TempDir Path dir;
  private InProcessEmulator fx;
  private String owner;
  private String group;

  @BeforeEach
  void start() throws Exception {
    fx = EmulatorLauncher.create().under(dir).startInProcess();
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  /** An archived file of mode {@code mode}; notes its owner and group names. */
  private Fid archived(String name, String mode) throws Exception {
    Path p = fx.file(name, "data of " + name);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    PosixFileAttributes pa =
        Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    owner = pa.owner().getName();
    group = pa.group().getName();
    synchronized (fx.daemon().lock()) {
      Fid fid = fx.daemon().fs().path2fid(p.toString());
      FileRecord r = fx.daemon().fs().find(fid);
      fx.daemon().fs().update(r, HS_EXISTS | HS_ARCHIVED, 1, r.dataVersion());
      return fid;
    }
  }

  private void request(Peer peer, int action, Fid fid) throws HsmException {
    UserRequest req =
        new UserRequest(action, 0, 0, List.of(new UserRequest.Item(fid, 0, -1)), new byte[0]);
    synchronized (fx.daemon().lock()) {
      fx.daemon().coordinator().request(peer, req);
    }
  }

  private int flags(Fid fid) {
    synchronized (fx.daemon().lock()) {
      return fx.daemon().fs().find(fid).flags();
    }
  }

  @Test
  void releaseNeedsWriteAccessNotOwnership() throws Exception {
    Fid groupWritable = archived("g", "rw-rw-r--");
    request(new Peer("not-" + owner, group, false), Hsm.HUA_RELEASE, groupWritable);
    assertThat(flags(groupWritable) & HS_RELEASED).isNotZero();

    Fid readOnly = archived("r", "r--r--r--");
    assertThatThrownBy(() -> request(new Peer(owner, group, false), Hsm.HUA_RELEASE, readOnly))
        .isInstanceOfSatisfying(
            HsmException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES));
    Fid other = archived("o", "rw-rw-r--");
    assertThatThrownBy(
            () -> request(new Peer("not-" + owner, "not-" + group, false), Hsm.HUA_RELEASE, other))
        .isInstanceOfSatisfying(
            HsmException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES));
    assertThat(flags(readOnly) & HS_RELEASED).isZero();
    assertThat(flags(other) & HS_RELEASED).isZero();
    request(Peer.ROOT, Hsm.HUA_RELEASE, readOnly);
    assertThat(flags(readOnly) & HS_RELEASED).isNotZero();
  }

  @Test
  void cancelOfNothingIsDroppedBeforeTheMasks() throws Exception {
    Fid f = archived("c", "rw-r--r--");
    Peer stranger = new Peer("not-" + owner, "not-" + group, false);
    request(stranger, Hsm.HUA_CANCEL, f); // other_request_mask is RESTORE only
    assertThat(fx.param("hsm/actions")).isEmpty();

    request(Peer.ROOT, Hsm.HUA_REMOVE, f);
    assertThatThrownBy(() -> request(stranger, Hsm.HUA_CANCEL, f))
        .isInstanceOfSatisfying(
            HsmException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPERM));
    assertThat(fx.param("hsm/actions")).contains("action=REMOVE").doesNotContain("CANCEL");
  }
}

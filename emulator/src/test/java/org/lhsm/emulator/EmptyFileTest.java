package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.emulator.codec.Hsm.HS_ARCHIVED;
import static org.lhsm.emulator.codec.Hsm.HS_EXISTS;
import static org.lhsm.emulator.codec.Hsm.HS_RELEASED;
import static org.lhsm.emulator.codec.Hsm.HUA_RELEASE;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.fs.EmulatedFs;
import org.lhsm.emulator.fs.FileRecord;
import org.lhsm.emulator.fs.FsLayout;
import org.lhsm.emulator.server.Op;
import org.lhsm.emulator.testing.ProtocolClient;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.InProcessEmulator;

/**
 * A never-written file has data version 0, as on Lustre (the sum of its OST objects' versions, none
 * written; no objects at all gives 0 too), so an empty file marked archived can be released: its
 * data version equals the archive version 0 that {@code hsm_state_set} leaves. sanity-hsm tests 14
 * and 15 create such files ({@code lfs hsm_set --exists --archived}, then {@code lfs hsm_release}).
 */
class EmptyFileTest {
  @TempDir Path dir;

  @Test
  void aNeverWrittenFileHasDataVersionZeroAndAWriteChangesIt() throws Exception {
    FsLayout layout = new FsLayout(dir);
    layout.create("lustre");
    try (EmulatedFs fs = new EmulatedFs(layout)) {
      Path p = Files.createFile(fs.root().resolve("empty"));
      FileRecord r = fs.regularFile(p.toString());
      assertThat(r.dataVersion()).isZero();
      Files.writeString(p, "data");
      assertThat(fs.observe(r).dataVersion()).isNotZero();
    }
  }

  @Test
  void anEmptyFileMarkedArchivedIsReleasedAsInSanityHsm14() throws Exception {
    try (InProcessEmulator fx = EmulatorLauncher.create().under(dir).startInProcess();
        ProtocolClient user = new ProtocolClient(fx.socket())) {
      Path f = fx.file("f", "");
      Fid fid = user.path2fid(f);
      assertThat(user.stateSet(f, HS_EXISTS | HS_ARCHIVED, 0, 0)).isZero();
      assertThat(user.request(f, HUA_RELEASE, 0, 0, new byte[0], fid)).as("release rc").isZero();
      assertThat(user.state(f)[0]).isEqualTo(HS_EXISTS | HS_ARCHIVED | HS_RELEASED);
      assertThat(user.ok(Op.DATA_VERSION_GET, ProtocolClient.openFile(f).u64(0).toBytes()).u64())
          .as("data version of the released empty file")
          .isZero();
      assertThat(Files.size(f)).isZero();
    }
  }
}

package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.OpenFile;
import org.lhsm.emulator.codec.WireWriter;
import org.lhsm.emulator.server.Op;
import org.lhsm.emulator.testing.ProtocolClient;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.InProcessEmulator;

/**
 * A request path with a NUL byte in it (no C client can send one; a peer gone wrong can) is refused
 * with EINVAL, and a registration naming such a mount with ENODEV, instead of an unexpected
 * exception answered EIO; the daemon keeps serving. Found by the faults fuzz, daemon-socket part
 * ({@code faults/run.sh fuzz --seed 0x1}: 331 such EIO answers in 5000 cases).
 */
class NulPathTest {
  @TempDir Path dir;

  @Test
  void aPathWithANulByteIsEinvalAndTheDaemonKeepsServing() throws Exception {
    try (InProcessEmulator fx = EmulatorLauncher.create().under(dir).startInProcess();
        ProtocolClient c = new ProtocolClient(fx.socket())) {
      Path f = fx.file("known", "x");
      String bad = f.toString().replace("known", "kn\0own");
      assertThat(c.call(Op.PATH2FID, new WireWriter().string(bad).toBytes()).rc())
          .isEqualTo(-Errno.EINVAL);
      for (int op : new int[] {Op.STATE_GET, Op.CURRENT_ACTION, Op.FD2FID}) {
        assertThat(c.call(op, OpenFile.byPath(bad).writeTo(new WireWriter()).toBytes()).rc())
            .as("op %d", op)
            .isEqualTo(-Errno.EINVAL);
      }
      assertThat(
              c.call(
                      Op.DATA_VERSION_GET,
                      OpenFile.byPath(bad).writeTo(new WireWriter()).u64(0).toBytes())
                  .rc())
          .isEqualTo(-Errno.EINVAL);
      byte[] register =
          new WireWriter().string(fx.mount(1) + "\0x").u32(0).u32(1).u32(1).string("").toBytes();
      assertThat(c.call(Op.CT_REGISTER, register).rc()).isEqualTo(-Errno.ENODEV);
      Fid fid = c.path2fid(f);
      assertThat(fid).isNotNull();
    }
  }
}

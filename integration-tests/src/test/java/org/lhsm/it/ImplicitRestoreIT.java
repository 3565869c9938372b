package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.HsmState;
import org.lhsm.it.support.TestData;
import org.lhsm.it.targets.OnlyOn;
import org.lhsm.it.targets.Target;

/**
 * Reading a released file. On real Lustre the client blocks the read, the coordinator queues a
 * RESTORE and the copytool serves it. The emulator has no kernel client between the reader and the
 * file, so it cannot intercept the read: the first test only runs on real Lustre, the second only
 * on the emulator, where it pins down that the read sees the released (sparse) data.
 */
class ImplicitRestoreIT extends HsmSuite {
  private static final long SIZE = 2 * 1024 * 1024 + 5;

  private Path archivedAndReleased(long seed, String[] sha) throws Exception {
    startCopytool("ct", target.agentMounts().get(0));
    Path f = dir.resolve("f");
    sha[0] = TestData.write(f, SIZE, seed);
    agentctl.ok("archive --archive-id 1", f);
    awaitArchived(f);
    agentctl.ok("release", f);
    awaitFlags(f, "released", s -> s.contains(HsmState.RELEASED));
    return f;
  }

  @Test
  @OnlyOn(
      value = Target.Kind.REAL_LUSTRE,
      reason = "implicit restore needs the Lustre client to intercept the read")
  void readingAReleasedFileRestoresIt_realLustreOnly() throws Exception {
    String[] sha = new String[1];
    Path f = archivedAndReleased(11, sha);

    // the read itself blocks until the copytool has restored the data
    assertSameContent(f, sha[0]);

    assertThat(flags(f))
        .contains(HsmState.EXISTS, HsmState.ARCHIVED)
        .doesNotContain(HsmState.RELEASED);
  }

  @Test
  @OnlyOn(
      value = Target.Kind.EMULATOR,
      reason = "documents an emulator limitation; real Lustre restores on read")
  void readingAReleasedFileIsNotInterceptedByTheEmulator_emulatorOnly() throws Exception {
    assertThat(target.kind()).isEqualTo(Target.Kind.EMULATOR);
    String[] sha = new String[1];
    Path f = archivedAndReleased(12, sha);

    assertThat(Files.size(f)).isEqualTo(SIZE);
    assertThat(TestData.allZero(f)).as("released data read back as holes").isTrue();
    assertThat(flags(f)).contains(HsmState.RELEASED);
    assertThat(requests(f, "--action", "RESTORE")).isEqualTo("[]");
  }
}

package org.lhsm.agentctl.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.agentctl.ErrorMapper;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.out.Lfs;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.HsmCurrentAction;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserState;
import org.lhsm.bindings.LustreException;
import org.lhsm.bindings.ProgressState;
import org.lhsm.bindings.UserAction;

/** The bindings adapter: value conversions and errno translation. */
class LustreHsmFilesTest {
  @TempDir Path tmp;

  @Test
  void errnosBecomeTypedFailuresWithDocumentedExitCodes() {
    IOException eperm =
        LustreHsmFiles.translate(new LustreException("llapi_hsm_request", "/mnt/lustre/f", 1));
    assertThat(eperm).isInstanceOf(LustreException.class);
    assertThat(((LustreException) eperm).errno().name()).isEqualTo("EPERM");
    assertThat(ErrorMapper.map(eperm).exitCode()).isEqualTo(ExitCode.PERMISSION);
    assertThat(ErrorMapper.map(eperm).message())
        .startsWith("llapi_hsm_request(/mnt/lustre/f): EPERM (");

    IOException enotty =
        LustreHsmFiles.translate(new LustreException("llapi_path2fid", "/tmp/x", 25));
    assertThat(enotty).isInstanceOf(NotLustreException.class);
    assertThat(ErrorMapper.map(enotty).message()).isEqualTo("not on a Lustre filesystem: /tmp/x");
    assertThat(ErrorMapper.map(enotty).exitCode()).isEqualTo(ExitCode.NOT_LUSTRE);

    IOException eagain =
        LustreHsmFiles.translate(new LustreException("llapi_hsm_request", "/m", 11));
    assertThat(ErrorMapper.map(eagain).exitCode()).isEqualTo(ExitCode.COORDINATOR_UNAVAILABLE);

    IOException odd =
        LustreHsmFiles.translate(new LustreException("llapi_hsm_request", "/m", 4000));
    assertThat(Errno.nameOf(((LustreException) odd).errnoNumber())).isEqualTo("errno 4000");
    assertThat(ErrorMapper.map(odd).exitCode()).isEqualTo(ExitCode.GENERAL);
  }

  @Test
  void convertsValuesBothWays() {
    Set<HsmState> flags =
        EnumSet.of(HsmState.EXISTS, HsmState.ARCHIVED, HsmState.RELEASED, HsmState.NOARCHIVE);
    assertThat(Lfs.shown(new HsmUserState(LustreHsmFiles.states(flags), 0))).isEqualTo(flags);
    assertThat(LustreHsmFiles.states(flags)).contains(HsmState.RELEASED);
    assertThat(Lfs.shown(new HsmUserState(EnumSet.of(HsmState.PCCRW, HsmState.EXISTS), 0)))
        .containsExactly(HsmState.EXISTS);
    HsmCurrentAction a =
        new HsmCurrentAction(ProgressState.RUNNING, UserAction.ARCHIVE, new HsmExtent(0, 4096));
    assertThat(a.isPending()).isTrue();
    assertThat(Lfs.extent(a.location())).isEqualTo("0x0-0x1000");
  }

  @Test
  void missingLibraryIsReportedAsNotLustre() {
    // surefire points lhsm.liblustreapi at a file that does not exist
    LustreHsmFiles files = new LustreHsmFiles();
    assertThatThrownBy(() -> files.state(tmp))
        .isInstanceOf(LustreHsmFiles.NotLustreUnavailable.class)
        .satisfies(
            e -> {
              assertThat(ErrorMapper.map(e).exitCode()).isEqualTo(ExitCode.NOT_LUSTRE);
              assertThat(e.getMessage()).contains("liblustreapi");
            });
  }
}

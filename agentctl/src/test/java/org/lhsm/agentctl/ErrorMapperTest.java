package org.lhsm.agentctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import org.lhsm.agentctl.files.NotLustreException;
import org.lhsm.agentctl.params.ParamFormatException;
import org.lhsm.agentctl.params.ParamNotFoundException;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;

/** Every failure kind maps to its documented exit code and keeps the name of what failed. */
class ErrorMapperTest {
  private static ErrorMapper.Mapped map(Throwable t) {
    return ErrorMapper.map(t);
  }

  @Test
  void mapsEachKindToItsCode() {
    assertThat(map(new NoSuchFileException("/mnt/lustre/x")))
        .isEqualTo(new ErrorMapper.Mapped(ExitCode.NOT_FOUND, "no such file: /mnt/lustre/x"));
    assertThat(map(new NotLustreException("/tmp/x")))
        .isEqualTo(
            new ErrorMapper.Mapped(ExitCode.NOT_LUSTRE, "not on a Lustre filesystem: /tmp/x"));
    assertThat(
            map(
                new AccessDeniedException(
                    "/p", null, "cannot read mdt.fs-MDT0000.hsm.agents (permission denied)")))
        .isEqualTo(
            new ErrorMapper.Mapped(
                ExitCode.PERMISSION, "cannot read mdt.fs-MDT0000.hsm.agents (permission denied)"));
    assertThat(map(new AccessDeniedException("/p")).message()).isEqualTo("permission denied: /p");
    assertThat(map(new ParamNotFoundException("parameter x not found")).exitCode())
        .isEqualTo(ExitCode.NOT_FOUND);
    assertThat(map(new ParamFormatException("agents", 3, "zz", "bad")).message())
        .isEqualTo("unexpected parameter format: agents line 3: bad: 'zz'");
    assertThat(map(new CliException(ExitCode.TIMEOUT, "late")))
        .isEqualTo(new ErrorMapper.Mapped(ExitCode.TIMEOUT, "late"));
    assertThat(map(new IOException("disk on fire")))
        .isEqualTo(new ErrorMapper.Mapped(ExitCode.GENERAL, "disk on fire"));
  }

  @Test
  void errnosMapBySymbolicName() {
    String[][] table = {
      {"EPERM", "4"}, {"EACCES", "4"}, {"EROFS", "4"}, {"ENOTTY", "3"}, {"ENODEV", "3"},
      {"ENOENT", "6"}, {"EAGAIN", "7"}, {"ENXIO", "7"}, {"EALREADY", "7"}, {"EINPROGRESS", "7"},
      {"EINVAL", "1"}, {"E2BIG", "1"}, {"EIO", "1"}
    };
    for (String[] row : table) {
      Errno errno = Errno.valueOf(row[0]);
      LustreException e = new LustreException("llapi_hsm_request", "/mnt/lustre/f", errno, null);
      ErrorMapper.Mapped m = map(e);
      assertThat(m.exitCode()).as(row[0]).isEqualTo(Integer.parseInt(row[1]));
      assertThat(m.message())
          .as(row[0])
          .startsWith(
              "llapi_hsm_request(/mnt/lustre/f): " + row[0] + " (" + errno.strerror() + ")");
    }
  }
}

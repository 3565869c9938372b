package org.lhsm.copytool.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;

class ErrnosTest {
  @Test
  void aBindingsExceptionKeepsItsErrnoEvenWhenWrappedOrUnnamed() {
    LustreException range = new LustreException("fsetxattr", "user.x of /a", Errno.ERANGE.number());
    assertThat(Errnos.of(range)).isEqualTo(Errno.ERANGE.number());
    assertThat(Errnos.of(new IOException("wrapped", range))).isEqualTo(Errno.ERANGE.number());
    assertThat(Errnos.of(new LustreException("f", "t", 200))).isEqualTo(200);
  }

  @Test
  void copytoolExceptionsWinAndJdkExceptionsMapByTypeThenReason() {
    assertThat(Errnos.of(new CopytoolException(Errno.EBUSY.number(), "busy")))
        .isEqualTo(Errno.EBUSY.number());
    assertThat(Errnos.of(new NoSuchFileException("/a"))).isEqualTo(Errno.ENOENT.number());
    assertThat(Errnos.of(new FileSystemException("/a", null, "No space left on device")))
        .isEqualTo(Errno.ENOSPC.number());
    assertThat(Errnos.of(new IOException("something else"))).isEqualTo(Errno.EIO.number());
  }
}

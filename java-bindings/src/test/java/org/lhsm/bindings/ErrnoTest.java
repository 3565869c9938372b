package org.lhsm.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lhsm.bindings.internal.Errors;
import org.lhsm.bindings.internal.NativeAccess;

class ErrnoTest {

  @ParameterizedTest
  @EnumSource(value = Errno.class, mode = EnumSource.Mode.EXCLUDE, names = "UNKNOWN")
  void numbersAndMessagesMatchTheRunningLibc(Errno e) {
    assertThat(Errno.fromNumber(e.number())).isSameAs(e);
    assertThat(Errno.fromNumber(-e.number())).isSameAs(e);
    assertThat(e.strerror()).isEqualTo(NativeAccess.libc().strerror(e.number()));
  }

  @Test
  void abiSpecErrnosHaveTheirLinuxNumbers() {
    assertThat(Errno.ENOENT.number()).isEqualTo(2);
    assertThat(Errno.E2BIG.number()).isEqualTo(7);
    assertThat(Errno.ENODATA.number()).isEqualTo(61);
    assertThat(Errno.EPROTO.number()).isEqualTo(71);
    assertThat(Errno.EMSGSIZE.number()).isEqualTo(90);
    assertThat(Errno.ENOTCONN.number()).isEqualTo(107);
    assertThat(Errno.ESHUTDOWN.number()).isEqualTo(108);
    assertThat(Errno.EALREADY.number()).isEqualTo(114);
    assertThat(Errno.EINPROGRESS.number()).isEqualTo(115);
    assertThat(Errno.ECANCELED.number()).isEqualTo(125);
    assertThat(Errno.ENOTSUP).isSameAs(Errno.EOPNOTSUPP);
    assertThat(Errno.EWOULDBLOCK).isSameAs(Errno.EAGAIN);
  }

  @Test
  void unknownNumbersNeverFail() {
    assertThat(Errno.fromNumber(999)).isSameAs(Errno.UNKNOWN);
    assertThat(Errno.fromNumber(0)).isSameAs(Errno.UNKNOWN);
    assertThat(Errno.fromNumber(Integer.MIN_VALUE)).isSameAs(Errno.UNKNOWN);
    assertThat(Errno.strerror(999)).isEqualTo("Unknown error 999");
  }

  @Test
  void negativeReturnBecomesExceptionWithSymbolicName() {
    assertThatThrownBy(() -> Errors.check(-1, "llapi_hsm_request", "/mnt/lustre/f"))
        .isExactlyInstanceOf(LustreException.class)
        .hasMessage("llapi_hsm_request(/mnt/lustre/f): EPERM (Operation not permitted)")
        .satisfies(
            t -> {
              LustreException e = (LustreException) t;
              assertThat(e.function()).isEqualTo("llapi_hsm_request");
              assertThat(e.target()).isEqualTo("/mnt/lustre/f");
              assertThat(e.errno()).isEqualTo(Errno.EPERM);
              assertThat(e.errnoNumber()).isEqualTo(1);
            });
  }

  @Test
  void successReturnsTheValue() throws IOException {
    assertThat(Errors.check(0, "f", null)).isZero();
    assertThat(Errors.check(17, "f", null)).isEqualTo(17);
    assertThat(Errors.checkPath(3, "f", Path.of("/x"))).isEqualTo(3);
  }

  @Test
  void targetIsOptional() {
    assertThatThrownBy(() -> Errors.check(-22, "llapi_msg", null))
        .hasMessage("llapi_msg: EINVAL (Invalid argument)");
  }

  @Test
  void specialErrnosGetTheirOwnTypes() {
    assertThatThrownBy(() -> Errors.check(-125, "llapi_hsm_action_progress", "[0x1:0x2:0x0]"))
        .isExactlyInstanceOf(ActionCanceledException.class)
        .hasMessage("llapi_hsm_action_progress([0x1:0x2:0x0]): ECANCELED (Operation canceled)");
    assertThatThrownBy(() -> Errors.check(-108, "llapi_hsm_copytool_recv", "/mnt"))
        .isExactlyInstanceOf(CopytoolShutdownException.class);
  }

  @Test
  void unknownErrnoKeepsItsNumber() {
    assertThatThrownBy(() -> Errors.check(-523, "llapi_x", "t"))
        .hasMessage("llapi_x(t): errno 523 (Unknown error 523)")
        .satisfies(
            t -> {
              assertThat(((LustreException) t).errno()).isSameAs(Errno.UNKNOWN);
              assertThat(((LustreException) t).errnoNumber()).isEqualTo(523);
            });
  }

  @Test
  void enoentOnAPathIsNoSuchFileWithTheLustreCause() {
    Path p = Path.of("/mnt/lustre/missing");
    assertThatThrownBy(() -> Errors.checkPath(-2, "llapi_hsm_state_get", p))
        .isInstanceOf(NoSuchFileException.class)
        .satisfies(
            t -> {
              assertThat(((NoSuchFileException) t).getFile()).isEqualTo(p.toString());
              assertThat(t.getCause())
                  .isInstanceOf(LustreException.class)
                  .hasMessage(
                      "llapi_hsm_state_get(/mnt/lustre/missing): ENOENT (No such file or directory)");
              assertThat(Errno.of(t)).contains(Errno.ENOENT);
            });
    assertThatThrownBy(() -> Errors.checkPath(-13, "llapi_hsm_state_get", p))
        .isExactlyInstanceOf(LustreException.class);
  }

  @Test
  void errnoOfFindsTheLustreExceptionThroughCauses() {
    LustreException le = new LustreException("f", null, 16);
    Exception wrapped = new RuntimeException(new IOException(le));
    assertThat(Errno.of(wrapped)).contains(Errno.EBUSY);
    assertThat(Errno.of(new IOException("plain"))).isEmpty();
    assertThat(Errno.of(new LustreException("f", null, 999))).isEmpty();
  }

  @Test
  void nameOfNamesEveryNumber() {
    assertThat(Errno.nameOf(1)).isEqualTo("EPERM");
    assertThat(Errno.nameOf(-125)).isEqualTo("ECANCELED");
    assertThat(Errno.nameOf(95)).isEqualTo("EOPNOTSUPP");
    assertThat(Errno.nameOf(523)).isEqualTo("errno 523");
    assertThat(Errno.nameOf(0)).isEqualTo("errno 0");
    assertThat(Errno.strerror(0)).isEqualTo("Success");
  }

  @Test
  void numberOfReadsExceptionsNeverTheirText() {
    LustreException range = new LustreException("fsetxattr", "user.x of /a", Errno.ERANGE, null);
    assertThat(Errno.numberOf(range)).hasValue(34);
    assertThat(Errno.numberOf(new IOException("wrapped", range))).hasValue(34);
    assertThat(Errno.numberOf(new LustreException("f", "t", 200))).hasValue(200);
    assertThat(Errno.of(new LustreException("f", "t", 200))).isEmpty();
    assertThat(Errno.numberOf(new NoSuchFileException("/a"))).hasValue(2);
    assertThat(Errno.of(new AccessDeniedException("/a"))).contains(Errno.EACCES);
    assertThat(Errno.of(new FileAlreadyExistsException("/a"))).contains(Errno.EEXIST);
    assertThat(Errno.of(new DirectoryNotEmptyException("/a"))).contains(Errno.ENOTEMPTY);
    assertThat(Errno.of(new NotDirectoryException("/a"))).contains(Errno.ENOTDIR);
    assertThat(Errno.numberOf(new IOException("No space left on device"))).isEmpty();
    assertThat(Errno.numberOf(new FileSystemException("/a", null, "No space left on device")))
        .isEmpty();
  }

  @Test
  void typedConstructorCarriesTheErrnoAndTheCause() {
    IOException cause = new IOException("disk");
    LustreException e = new LustreException("cannot remove '/a'", null, Errno.ENOENT, cause);
    assertThat(e).hasMessage("cannot remove '/a': ENOENT (No such file or directory)");
    assertThat(e.errno()).isSameAs(Errno.ENOENT);
    assertThat(e.getCause()).isSameAs(cause);
    assertThatThrownBy(() -> new LustreException("f", null, Errno.UNKNOWN, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void notSupportedMessageNamesTheFunction() {
    LustreNotSupportedException e = new LustreNotSupportedException("llapi_fid2path_at");
    assertThat(e).hasMessage("llapi_fid2path_at: not supported by this liblustreapi");
    assertThat(e.function()).isEqualTo("llapi_fid2path_at");
    assertThat(e.errno()).isEqualTo(Errno.ENOSYS);
  }
}

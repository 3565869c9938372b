package org.lhsm.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.internal.NativeAccess;

/** Library selection and the two failure modes: library missing, function missing. */
class LibraryLoadingTest {
  private String saved;

  @BeforeEach
  void save() {
    saved = System.getProperty(NativeAccess.PROPERTY);
  }

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(NativeAccess.PROPERTY);
    } else {
      System.setProperty(NativeAccess.PROPERTY, saved);
    }
  }

  private static void select(String library) {
    System.setProperty(NativeAccess.PROPERTY, library);
  }

  @Test
  void missingLibraryGivesTheInstallHint() {
    select("/nonexistent/liblustreapi-missing.so.1");

    assertThat(LustreApi.isAvailable()).isFalse();
    assertThat(LustreApi.libraryName()).isEqualTo("/nonexistent/liblustreapi-missing.so.1");
    assertThat(LustreApi.unavailabilityCause()).isInstanceOf(UnsatisfiedLinkError.class);
    assertThatThrownBy(LustreApi::ensureAvailable)
        .isExactlyInstanceOf(LustreUnavailableException.class)
        .hasMessage(
            "liblustreapi not found: install the Lustre client packages or set LHSM_LIBLUSTREAPI")
        .hasCauseInstanceOf(UnsatisfiedLinkError.class);
  }

  @Test
  void everyCallReportsTheMissingLibraryAsAnIoException() {
    select("no-such-lustreapi-name");

    assertThatThrownBy(() -> HsmClient.path2fid(Path.of("/tmp")))
        .isExactlyInstanceOf(LustreUnavailableException.class);
    assertThatThrownBy(() -> CopytoolSession.register(Path.of("/tmp"), java.util.List.of()))
        .isExactlyInstanceOf(LustreUnavailableException.class);
  }

  @Test
  void functionsAbsentFromTheLibraryAreNotSupportedNotLinkErrors() throws Exception {
    select("libm.so.6"); // loads, but exports no llapi_* symbol

    LustreApi.ensureAvailable();
    assertThat(LustreApi.isAvailable()).isTrue();
    assertThat(LustreApi.unavailabilityCause()).isNull();
    assertThatThrownBy(() -> HsmClient.path2fid(Path.of("/tmp")))
        .isExactlyInstanceOf(LustreNotSupportedException.class)
        .hasMessage("llapi_path2fid: not supported by this liblustreapi");
    assertThatThrownBy(() -> HsmClient.fid2path(Path.of("/tmp"), Fid.ROOT))
        .isExactlyInstanceOf(LustreNotSupportedException.class)
        .hasMessage("llapi_fid2path: not supported by this liblustreapi");
    assertThatThrownBy(() -> LustreApi.setMessageLevel(MessageLevel.ERROR))
        .isExactlyInstanceOf(LustreNotSupportedException.class)
        .hasMessage("llapi_msg_set_level: not supported by this liblustreapi");
  }

  @Test
  void aChangedSelectionIsProbedAgainTheSameOneIsNot() {
    select("/nonexistent/a.so");
    assertThat(LustreApi.isAvailable()).isFalse();
    Throwable first = LustreApi.unavailabilityCause();
    assertThat(LustreApi.unavailabilityCause())
        .as("same selection: the outcome kept")
        .isSameAs(first);
    select("libm.so.6");
    assertThat(LustreApi.isAvailable()).as("after a failure, without any reset").isTrue();
    select("/nonexistent/a.so");
    assertThat(LustreApi.isAvailable()).isFalse();
    assertThat(LustreApi.unavailabilityCause()).isNotSameAs(first);
  }
}

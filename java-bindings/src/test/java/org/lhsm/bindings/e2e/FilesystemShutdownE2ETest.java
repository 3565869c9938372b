package org.lhsm.bindings.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lhsm.bindings.CopytoolSession;
import org.lhsm.bindings.CopytoolShutdownException;
import org.lhsm.bindings.Errno;
import org.lhsm.emulator.testkit.EmulatorExtension;

/**
 * The copytool's view of an unmount: emulator only (the test stops the filesystem), in a class of
 * its own because it ends its filesystem.
 */
class FilesystemShutdownE2ETest {
  @RegisterExtension final EmulatorExtension emulator = HsmTarget.emulator();
  private HsmTarget target;

  @BeforeEach
  void open() throws Exception {
    Assumptions.assumeTrue(
        System.getProperty("lhsm.mount") == null, "unmounting a real filesystem is not tested");
    target = HsmTarget.open(emulator);
    boolean root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    Assumptions.assumeTrue(root, "registering a copytool needs root (CAP_SYS_ADMIN)");
  }

  @AfterEach
  void close() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void receiveThrowsCopytoolShutdownWhenTheFilesystemGoesAway() throws Exception {
    try (CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(1))) {
      assertThat(ct.receive(Duration.ZERO)).isEmpty();
      target.stopFilesystem();
      assertThatThrownBy(() -> ct.receive(Duration.ofSeconds(60)))
          .isInstanceOfSatisfying(
              CopytoolShutdownException.class,
              e -> assertThat(e.errno()).isEqualTo(Errno.ESHUTDOWN));
    }
  }
}

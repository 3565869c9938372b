package org.lhsm.emulator.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * An emulator (child process) owned by a JUnit class or test. Registered on a static field it lives
 * for the class, on an instance field for each test; it is started on the first {@link #get()}, so
 * a test that does not use it starts nothing:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmulatorExtension emulator = new EmulatorExtension(EmulatorLauncher.create());
 *
 * Path mnt = emulator.get().mount(1);
 * }</pre>
 *
 * <p>Afterwards the daemon is stopped by PID and its directory deleted. Its log ({@code
 * target/test-logs/CLASS[.METHOD].log}) is deleted when every test passed; when one failed it is
 * kept and its tail printed on standard error, which surefire keeps with the test's report. When
 * the emulator jar or library is not built, {@link #get()} skips the test (an assumption).
 */
public final class EmulatorExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        TestWatcher {
  private final EmulatorLauncher launcher;
  private boolean perClass;
  private String owner = "emulator";
  private boolean failed;
  private EmulatorProcess emulator;

  public EmulatorExtension(EmulatorLauncher launcher) {
    this.launcher = launcher;
  }

  /** The running emulator; started (once per class or test) on the first call. */
  public EmulatorProcess get() throws IOException, InterruptedException {
    if (emulator == null) {
      Optional<String> missing = launcher.missing();
      Assumptions.assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
      emulator = launcher.name(owner).start();
    }
    return emulator;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    owner = context.getRequiredTestClass().getSimpleName();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      owner =
          context.getRequiredTestClass().getSimpleName()
              + "."
              + context.getRequiredTestMethod().getName();
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    failed = true;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (!perClass) {
      finish(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (perClass) {
      finish(context);
    }
  }

  private void finish(ExtensionContext context) throws IOException {
    EmulatorProcess e = emulator;
    emulator = null;
    boolean keepLog = failed || context.getExecutionException().isPresent();
    failed = false;
    if (e == null) {
      return;
    }
    try {
      e.close();
    } finally {
      if (keepLog) {
        System.err.printf(
            "%s failed; log of %s kept in %s, its end:%n%s%n", owner, e, e.log(), e.logTail());
      } else {
        Files.deleteIfExists(e.log());
      }
    }
  }
}

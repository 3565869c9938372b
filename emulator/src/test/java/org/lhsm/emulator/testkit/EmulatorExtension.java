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
 * An emulator (child process) owned by a JUnit class (registered on a static field) or test (an
 * instance field), started on the first {@link #get()}: a test that does not use it starts nothing.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmulatorExtension emulator = new EmulatorExtension(EmulatorLauncher.create());
 * ...
 * Path mnt = emulator.get().mount(1);
 * }</pre>
 *
 * <p>Afterwards the daemon is stopped by PID and its directory deleted. Its log ({@code
 * target/test-logs/CLASS[.METHOD].log}) is deleted when every test passed; when one failed it is
 * kept and its tail printed on standard error, which surefire keeps with the test's report. When
 * the emulator is not built, {@link #get()} skips the test, saying what is missing.
 */
public final class EmulatorExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        TestWatcher {
  private final EmulatorLauncher launcher;
  private boolean perClass;
  private boolean failed;
  private String owner;
  private EmulatorProcess emulator;

  public EmulatorExtension(EmulatorLauncher launcher) {
    this.launcher = launcher;
  }

  /** The running emulator, started on the first call of the class or test. */
  public EmulatorProcess get() throws IOException {
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
    if (!perClass) { // testFailed of the previous test came after its afterEach
      failed = false;
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
  public void afterEach(ExtensionContext context) throws IOException {
    if (!perClass) {
      finish(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    finish(context);
  }

  private void finish(ExtensionContext context) throws IOException {
    EmulatorProcess e = emulator;
    boolean keepLog = failed || context.getExecutionException().isPresent();
    emulator = null;
    failed = false;
    if (e != null) {
      try {
        e.close();
      } finally {
        if (keepLog) {
          System.err.printf(
              "%s failed: log of %s in %s ends:%n%s%n", owner, e, e.log(), e.logTail());
        } else {
          Files.deleteIfExists(e.log());
        }
      }
    }
  }
}

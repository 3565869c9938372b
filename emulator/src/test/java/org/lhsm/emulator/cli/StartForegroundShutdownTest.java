package org.lhsm.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.cdt.Clock;
import org.lhsm.emulator.daemon.EmulatorDaemon;
import org.lhsm.emulator.fs.FsLayout;
import org.lhsm.emulator.server.SocketServer;
import org.lhsm.emulator.testing.TestCopytool;
import org.lhsm.emulator.testkit.Await;
import picocli.CommandLine;

/**
 * A foreground daemon must be stoppable (with shutdown frames to its agents) from the moment its
 * socket answers: the stop hook is registered before the socket is bound.
 */
class StartForegroundShutdownTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  /** Records the hook and what a client could see at the moment it was registered. */
  private static final class RecordingHooks implements ShutdownHooks {
    final Path socket;
    final CompletableFuture<Thread> hook = new CompletableFuture<>();
    volatile boolean socketExistedAtRegistration;

    RecordingHooks(Path socket) {
      this.socket = socket;
    }

    @Override
    public void add(Thread t) {
      socketExistedAtRegistration = Files.exists(socket);
      hook.complete(t);
    }
  }

  @Test
  void theStopHookIsInPlaceBeforeTheSocketAnswersAndSendsShutdownFrames() throws Exception {
    FsLayout layout = new FsLayout(dir);
    StartCommand start = new StartCommand();
    RecordingHooks hooks = new RecordingHooks(layout.socket());
    start.hooks = hooks;
    CommandLine cl = new CommandLine(start);
    cl.setOut(new PrintWriter(new StringWriter()));
    CompletableFuture<Integer> rc =
        CompletableFuture.supplyAsync(() -> cl.execute(dir.toString(), "--foreground"));
    try {
      Await.until(
          "the daemon socket answers",
          WAIT,
          () -> rc.isDone() || SocketServer.answers(layout.socket()));
      assertThat(rc).as("the foreground daemon is still running").isNotDone();
      assertThat(hooks.hook).as("stop hook registered by the time the socket answers").isDone();
      assertThat(hooks.socketExistedAtRegistration).as("socket bound before the hook").isFalse();
      assertThat(layout.pidFile()).as("pid file written before the socket answers").exists();
      try (TestCopytool ct = TestCopytool.register(layout.socket(), layout.mountPath(1), "", 1)) {
        hooks.hook.get().run(); // what the JVM does on SIGTERM
        assertThat(ct.awaitShutdown(WAIT)).as("shutdown frame to the agent").isTrue();
      }
    } finally {
      if (hooks.hook.isDone()) {
        hooks.hook.get().run(); // idempotent: stops the daemon if an assertion failed
      }
    }
    assertThat(rc.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    assertThat(layout.pidFile()).doesNotExist();
  }

  @Test
  void aStopBeforeStartLeavesNothingServing() throws Exception {
    EmulatorDaemon daemon = new EmulatorDaemon(dir, Clock.SYSTEM);
    daemon.close();
    assertThatThrownBy(() -> daemon.start("lustre", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped before start");
    assertThat(new FsLayout(dir).socket()).doesNotExist();
  }
}

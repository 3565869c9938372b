package org.lhsm.emulator.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.lhsm.emulator.fs.FsLayout;
import org.lhsm.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stop DIR}: SIGTERM to the daemon, which sends shutdown frames and cleans up. */
@Command(name = "stop", description = "Stop the daemon of an emulated filesystem.")
final class StopCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "Filesystem directory")
  Path dir;

  @CommandLine.Option(names = "--json", description = "Print the result as one JSON object")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FsLayout layout = new FsLayout(dir);
    if (!layout.isEmulatorDir()) {
      err.println("lhsm-emulator: " + layout.dir() + " holds no emulated filesystem");
      return ExitCodes.NOT_AN_EMULATOR;
    }
    Optional<ProcessHandle> daemon = Optional.empty();
    if (Files.exists(layout.pidFile())) {
      try {
        long pid = Long.parseLong(Files.readString(layout.pidFile()).trim());
        daemon = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      } catch (NumberFormatException e) {
        err.println("lhsm-emulator: unreadable pid file " + layout.pidFile());
      }
    }
    if (daemon.isEmpty()) {
      Files.deleteIfExists(layout.socket());
      Files.deleteIfExists(layout.pidFile());
      err.println(
          "lhsm-emulator: no daemon running for " + layout.dir() + " (stale files removed)");
      return ExitCodes.NOT_RUNNING;
    }
    ProcessHandle h = daemon.get();
    h.destroy();
    try {
      h.onExit().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      err.println("lhsm-emulator: daemon " + h.pid() + " ignored SIGTERM, killing it");
      h.destroyForcibly();
      h.onExit().get(30, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(layout.socket());
    Files.deleteIfExists(layout.pidFile());
    if (json) {
      out.println(Json.compact(stopResult(h.pid(), layout.dir().toString())));
    } else {
      out.println("stopped daemon " + h.pid() + " of " + layout.dir());
    }
    return ExitCodes.OK;
  }

  private static java.util.Map<String, Object> stopResult(long pid, String dir) {
    java.util.Map<String, Object> o = new java.util.LinkedHashMap<>();
    o.put("stopped", pid);
    o.put("dir", dir);
    return o;
  }
}

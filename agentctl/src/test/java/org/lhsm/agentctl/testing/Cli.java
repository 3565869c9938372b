package org.lhsm.agentctl.testing;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lhsm.agentctl.AgentCtl;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.files.HsmFiles;
import picocli.CommandLine;

/** Runs agentctl in-process against a fake file layer and relocated parameter roots. */
public final class Cli {
  /** Exit code and the two output streams of one run. */
  public record Result(int exitCode, String out, String err) {}

  private final HsmFiles files;
  private final List<Path> systemRoots;
  private final MutableClock clock = new MutableClock();
  private String stdin = "";
  private int pauses;
  private Runnable onPause = () -> {};
  private boolean interactive;

  public Cli(HsmFiles files, List<Path> systemRoots) {
    this.files = files;
    this.systemRoots = systemRoots;
  }

  public Cli stdin(String text) {
    this.stdin = text;
    return this;
  }

  public int pauses() {
    return pauses;
  }

  /** Runs {@code r} at every pause, after the clock moved (to change parameters between polls). */
  public Cli onPause(Runnable r) {
    this.onPause = r;
    return this;
  }

  /** Pretends a person watches (progress bars, notes on stderr, screen clearing). */
  public Cli interactive(boolean yes) {
    this.interactive = yes;
    return this;
  }

  public MutableClock clock() {
    return clock;
  }

  public Result run(String... args) {
    CliEnvironment env =
        new CliEnvironment(
            files,
            Optional.empty(),
            systemRoots,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            interactive,
            d -> {
              pauses++;
              clock.advance(d);
              onPause.run();
            },
            clock);
    CommandLine cl = AgentCtl.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}

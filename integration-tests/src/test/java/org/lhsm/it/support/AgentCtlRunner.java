package org.lhsm.it.support;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lhsm.agentctl.AgentCtl;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.files.HsmFilesProvider;
import org.lhsm.agentctl.params.ParamLocator;
import picocli.CommandLine;

/**
 * Runs agentctl in this JVM through its picocli command line, exactly as {@code main} wires it,
 * except that output is captured and the parameter root is the target's (the emulator's tree, or
 * the node's own {@code /sys}/{@code /proc} on real Lustre).
 */
public final class AgentCtlRunner {
  /** Exit code and both output streams of one invocation. */
  public record Result(String[] args, int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "agentctl "
          + String.join(" ", args)
          + " -> exit "
          + exitCode
          + "\nstdout: "
          + out.strip()
          + "\nstderr: "
          + err.strip();
    }
  }

  private final Optional<Path> paramRoot;

  public AgentCtlRunner(Optional<Path> paramRoot) {
    this.paramRoot = paramRoot;
  }

  public Result run(String... args) {
    CliEnvironment env =
        new CliEnvironment(
            HsmFilesProvider.load(),
            paramRoot,
            ParamLocator.SYSTEM_ROOTS,
            new ByteArrayInputStream(new byte[0]),
            false,
            // only used by agentctl's own --wait, which the suite does not rely on
            d -> Thread.sleep(d.toMillis()),
            Clock.systemUTC());
    CommandLine cl = AgentCtl.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(args.clone(), code, out.toString(), err.toString());
  }

  /** Runs and requires exit 0, failing with the full invocation and output otherwise. */
  public Result ok(String... args) {
    Result r = run(args);
    if (r.exitCode() != 0) {
      throw new AssertionError("expected success: " + r);
    }
    return r;
  }

  /** Runs a command taking file operands, with the files' absolute paths appended. */
  public Result ok(String command, Path... files) {
    String[] words = command.split(" ");
    String[] args = Arrays.copyOf(words, words.length + files.length);
    for (int i = 0; i < files.length; i++) {
      args[words.length + i] = files[i].toAbsolutePath().toString();
    }
    return ok(args);
  }

  /** True if compact JSON output has {@code "key":"value"} (agentctl prints no spaces). */
  public static boolean hasJsonField(String json, String key, String value) {
    return Pattern.compile(
            "\"" + Pattern.quote(key) + "\"\\s*:\\s*\"" + Pattern.quote(value) + "\"")
        .matcher(json)
        .find();
  }
}

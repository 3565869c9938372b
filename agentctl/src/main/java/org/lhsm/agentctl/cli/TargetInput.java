package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** FILE|FID arguments, or a list on stdin (newline- or, with {@code -0}, NUL-separated). */
public final class TargetInput {
  @Parameters(
      paramLabel = "FILE|FID",
      arity = "0..*",
      description =
          "Files by path, or by FID ([0x200000401:0x1:0x0], needs --mount; write ./[x] for a"
              + " file whose name starts with '['). None or '-': read the list from stdin.")
  List<String> args = new ArrayList<>();

  @Option(
      names = {"-0", "--null"},
      description = "Names on stdin are separated by NUL (find -print0), not newlines.")
  boolean nul;

  List<String> read(InputStream stdin, boolean interactive) throws IOException, CliException {
    if (!args.isEmpty() && !(args.size() == 1 && args.get(0).equals("-"))) {
      return args;
    }
    if (interactive && args.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "no FILE or FID given (or pipe a list on stdin)");
    }
    String text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (String s : text.split(nul ? "\0" : "\n")) {
      String t = nul ? s : s.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    if (out.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "no FILE or FID given (stdin was empty)");
    }
    return out;
  }
}

package org.lhsm.faults.perms;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.faults.common.Env;

/** The real command-line clients, run to their end as a given user. */
final class Clients {
  /** What a file's outcome is when agentctl printed its success line. */
  static final String OK = "OK";

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Pattern ERRNO = Pattern.compile("\\): (E[A-Z0-9]+) \\(");
  private final Env env;

  Clients(Env env) {
    this.env = env;
  }

  private List<String> jvm() {
    return new ArrayList<>(
        List.of(
            ChildProcess.java(),
            "-XX:-UsePerfData",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "--enable-native-access=ALL-UNNAMED"));
  }

  private Map<String, String> environment() {
    return Map.of("LHSM_LIBLUSTREAPI", env.library().toString());
  }

  /** {@code agentctl ARGS} as {@code who}. */
  ChildProcess.Result agentctl(AsUser who, List<String> args) throws IOException {
    List<String> cmd = jvm();
    cmd.add("-jar");
    cmd.add(env.agentctlJar().toString());
    cmd.addAll(args);
    return ChildProcess.run(who.wrap(cmd), environment(), TIMEOUT);
  }

  /** {@code jhsmtool --hsm-root ROOT --archive 1 MOUNT} as {@code who}, expected to exit. */
  ChildProcess.Result jhsmtool(AsUser who, Path mount, Path hsmRoot) throws IOException {
    List<String> cmd = jvm();
    cmd.add("-Dlhsm.progname=jhsmtool");
    cmd.addAll(List.of("-jar", env.copytoolJar().toString()));
    cmd.addAll(List.of("--hsm-root", hsmRoot.toString(), "--archive", "1", mount.toString()));
    return ChildProcess.run(who.wrap(cmd), environment(), TIMEOUT);
  }

  /**
   * Per file of a request command ({@code agentctl VERB FILE...}): {@link #OK} for a success line,
   * else the errno name of its error line, else {@code "?"}.
   */
  static Map<Path, String> outcomes(ChildProcess.Result r, String verb, List<Path> files) {
    Map<Path, String> out = new LinkedHashMap<>();
    for (Path f : files) {
      String mine = f + ":";
      String errLead = "agentctl: " + verb + " " + f + ":";
      String outcome = "?";
      if (r.stdout().lines().anyMatch(l -> l.startsWith(mine))) {
        outcome = OK;
      } else {
        for (String l : r.stderr().lines().toList()) {
          Matcher m = ERRNO.matcher(l);
          if (l.startsWith(errLead) && m.find()) {
            outcome = m.group(1);
            break;
          }
        }
      }
      out.put(f, outcome);
    }
    return out;
  }
}

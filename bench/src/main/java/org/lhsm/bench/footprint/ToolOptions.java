package org.lhsm.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Which copytools {@code footprint} and {@code startup} measure. A picocli mixin: jhsmtool through
 * its launcher (this tree's {@code copytool/src/dist/jhsmtool}, which runs {@code
 * copytool/target/lhsm-copytool-*-all.jar}), Lustre's own copytool with {@code --stock}, and any
 * other launcher with {@code --tool NAME=PATH}; {@code --env NAME:KEY=VALUE} adds to one tool's
 * environment.
 */
public final class ToolOptions {
  /** The launcher's environment variable for JVM options. */
  public static final String JAVA_OPTS = "JHSMTOOL_JAVA_OPTS";

  /** The launcher's cache of class-data-sharing archives (see copytool/README.md). */
  static final String CACHE_DIR = "JHSMTOOL_CACHE_DIR";

  @Option(
      names = "--jhsmtool",
      paramLabel = "PATH",
      description =
          "jhsmtool's launcher (default: copytool/src/dist/jhsmtool of this source tree).")
  Path jhsmtool;

  @Option(
      names = "--stock",
      paramLabel = "PATH",
      description =
          "Also measure Lustre's lhsmtool_posix (linked to liblustreapi.so.1: the emulation"
              + " library is put on its LD_LIBRARY_PATH).")
  Path stock;

  @Option(
      names = "--tool",
      paramLabel = "NAME=PATH",
      description = "Also measure another jhsmtool launcher under NAME (repeatable).")
  List<String> tools = new ArrayList<>();

  @Option(
      names = "--env",
      paramLabel = "NAME:KEY=VALUE",
      description = "Environment variable for the tool called NAME (repeatable).")
  List<String> envs = new ArrayList<>();

  @Option(
      names = "--java-opts",
      paramLabel = "OPTS",
      description =
          "JHSMTOOL_JAVA_OPTS for every jhsmtool (default: unset, the launcher's own settings).")
  String javaOpts;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description =
          "JHSMTOOL_CACHE_DIR, where the launchers keep their class-data-sharing archive"
              + " (default: cache/ in the working directory, so a run starts cold).")
  Path cacheDir;

  /** The jhsmtool launcher to use: {@code --jhsmtool}, else this source tree's. */
  Path jhsmtoolLauncher() throws IOException {
    return launcher(jhsmtool);
  }

  /** {@code given} (a {@code --jhsmtool} option; null when absent), else this tree's launcher. */
  public static Path launcher(Path given) throws IOException {
    return given != null ? given.toAbsolutePath() : treeLauncher();
  }

  /**
   * This source tree's jhsmtool launcher: {@code copytool/src/dist/jhsmtool} above the current
   * directory or the bench jar.
   */
  private static Path treeLauncher() throws IOException {
    for (Path start : searchStarts()) {
      for (Path d = start; d != null; d = d.getParent()) {
        Path candidate = d.resolve("copytool/src/dist/jhsmtool");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IOException(
        "jhsmtool's launcher not found (copytool/src/dist/jhsmtool above the current directory"
            + " or the bench jar): give --jhsmtool PATH");
  }

  private static List<Path> searchStarts() {
    List<Path> starts = new ArrayList<>();
    starts.add(Path.of("").toAbsolutePath());
    try {
      Path jar =
          Path.of(ToolOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      starts.add(jar.toAbsolutePath());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // only the current directory then
    }
    return starts;
  }

  /**
   * The tools in report order: the {@code defaults} (name → extra environment) on jhsmtool's
   * launcher, then {@code --tool}s, then the stock copytool; {@code --env} added to each by name.
   */
  List<Tool> tools(Map<String, Map<String, String>> defaults, Path work, CommandLine cl)
      throws IOException {
    Map<String, Map<String, String>> extra = new HashMap<>();
    for (String e : envs) {
      int colon = e.indexOf(':');
      int eq = e.indexOf('=', colon + 1);
      if (colon < 1 || eq < colon + 2) {
        throw new CommandLine.ParameterException(cl, "--env wants NAME:KEY=VALUE, not " + e);
      }
      extra
          .computeIfAbsent(e.substring(0, colon), k -> new LinkedHashMap<>())
          .put(e.substring(colon + 1, eq), e.substring(eq + 1));
    }
    Map<String, String> jvmEnv = new LinkedHashMap<>();
    jvmEnv.put(CACHE_DIR, (cacheDir == null ? work.resolve("cache") : cacheDir).toString());
    if (javaOpts != null) {
      jvmEnv.put(JAVA_OPTS, javaOpts);
    }
    List<Tool> out = new ArrayList<>();
    Path launcher = jhsmtoolLauncher();
    for (Map.Entry<String, Map<String, String>> d : defaults.entrySet()) {
      out.add(jvm(d.getKey(), launcher, jvmEnv, d.getValue(), extra));
    }
    for (String t : tools) {
      int eq = t.indexOf('=');
      if (eq < 1) {
        throw new CommandLine.ParameterException(cl, "--tool wants NAME=PATH, not " + t);
      }
      out.add(
          jvm(
              t.substring(0, eq),
              Path.of(t.substring(eq + 1)).toAbsolutePath(),
              jvmEnv,
              Map.of(),
              extra));
    }
    if (stock != null) {
      if (!Files.isExecutable(stock)) {
        throw new CommandLine.ParameterException(cl, "--stock " + stock + " is not executable");
      }
      out.add(
          new Tool("stock", stock.toAbsolutePath(), extra.getOrDefault("stock", Map.of()), true));
    }
    return out;
  }

  private static Tool jvm(
      String name,
      Path program,
      Map<String, String> common,
      Map<String, String> own,
      Map<String, Map<String, String>> extra) {
    Map<String, String> env = new LinkedHashMap<>(common);
    env.putAll(own);
    env.putAll(extra.getOrDefault(name, Map.of()));
    return new Tool(name, program, env, false);
  }
}

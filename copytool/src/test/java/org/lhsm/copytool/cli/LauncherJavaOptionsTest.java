package org.lhsm.copytool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code src/dist/jhsmtool}) with {@code JHSMTOOL_PRINT_JAVA_OPTS}: it prints the
 * very options it starts the JVM with (checked against a stand-in {@code java} that records its
 * arguments), {@code --checksum} and {@code JHSMTOOL_JAVA_OPTS} included, and starts nothing, not
 * even without a jar.
 */
class LauncherJavaOptionsTest {
  private static final Path LAUNCHER =
      Path.of(System.getProperty("basedir", "."), "src", "dist", "jhsmtool").toAbsolutePath();

  @TempDir Path tmp;

  @Test
  void thePrintedOptionsAreThoseTheJvmIsStartedWith() throws Exception {
    Path recorded = tmp.resolve("argv");
    Path java = script("java", "printf '%s\\n' \"$@\" > '" + recorded + "'\n");
    Path jar = Files.writeString(tmp.resolve("jhsmtool.jar"), "");
    Map<String, String> env =
        Map.of(
            "JAVA",
            java.toString(),
            "JHSMTOOL_JAR",
            jar.toString(),
            "JHSMTOOL_CDS",
            "off",
            "JHSMTOOL_JAVA_OPTS",
            "-Xmx64m -XX:+UseParallelGC -Dlhsm.test=1");
    List<List<String>> printedPerCase = new ArrayList<>();
    for (List<String> args :
        List.of(
            List.of("--hsm-root", "/arc", "/mnt"),
            List.of("--checksum", "sha256", "--hsm-root", "/arc", "/mnt"))) {
      List<String> printed = run(args, withPrint(env)).lines;
      Files.deleteIfExists(recorded);
      assertThat(run(args, env).exit).isZero();
      List<String> argv = Files.readAllLines(recorded);
      int progname = argv.indexOf("-Dlhsm.progname=jhsmtool");
      assertThat(progname).as("launcher's own property in %s", argv).isPositive();
      assertThat(printed).as("printed for %s", args).isEqualTo(argv.subList(0, progname));
      assertThat(printed).containsSequence("-Xmx64m", "-XX:+UseParallelGC", "-Dlhsm.test=1");
      printedPerCase.add(printed);
    }
    assertThat(printedPerCase.get(1)).as("--checksum counts").isNotEqualTo(printedPerCase.get(0));
  }

  @Test
  void printingStartsNothingAndNeedsNoJar() throws Exception {
    Path started = tmp.resolve("started");
    Path java = script("java", "touch '" + started + "'\n");
    Path cache = tmp.resolve("cache");
    Result r =
        run(
            List.of("/mnt"),
            withPrint(
                Map.of(
                    "JAVA", java.toString(),
                    "JHSMTOOL_JAR", tmp.resolve("missing.jar").toString(),
                    "JHSMTOOL_CACHE_DIR", cache.toString(),
                    "JHSMTOOL_JAVA_OPTS", "")));
    assertThat(r.exit).isZero();
    assertThat(r.lines).isNotEmpty().allMatch(w -> w.startsWith("-"));
    assertThat(started).as("java started").doesNotExist();
    assertThat(cache).as("class-data-sharing cache (no training)").doesNotExist();
  }

  private static Map<String, String> withPrint(Map<String, String> env) {
    Map<String, String> m = new java.util.HashMap<>(env);
    m.put("JHSMTOOL_PRINT_JAVA_OPTS", "1");
    return m;
  }

  private Path script(String name, String body) throws IOException {
    Path p = Files.writeString(tmp.resolve(name), "#!/bin/sh\n" + body);
    assertThat(p.toFile().setExecutable(true)).isTrue();
    return p;
  }

  private record Result(int exit, List<String> lines) {}

  private Result run(List<String> args, Map<String, String> env) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().keySet().removeIf(k -> k.startsWith("JHSMTOOL_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("launcher done").isTrue();
    return new Result(p.exitValue(), out.lines().toList());
  }
}

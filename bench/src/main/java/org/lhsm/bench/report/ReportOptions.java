package org.lhsm.bench.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lhsm.json.Json;
import picocli.CommandLine.Option;

/** Options every measurement has: where to work, how to report, {@code -v}. A picocli mixin. */
public final class ReportOptions {
  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "${env:LHSM_BENCH_DIR:-target}",
      description =
          "Where to work: a fresh subdirectory is created there and removed afterwards"
              + " (default: ${DEFAULT-VALUE}, relative to the current directory).")
  Path dir;

  @Option(names = "--json", description = "Print the report as JSON instead of text.")
  boolean json;

  @Option(
      names = "--json-file",
      paramLabel = "FILE",
      description = "Also write the JSON report to FILE.")
  Path jsonFile;

  @Option(names = "--keep", description = "Keep the working subdirectory (its path is reported).")
  boolean keep;

  @Option(
      names = {"-v", "--verbose"},
      description = "More log output on standard error (repeatable; read before parsing).")
  boolean[] verbose = new boolean[0];

  public boolean keep() {
    return keep;
  }

  /** Creates {@code <dir>/<prefix>NNN}, creating {@code dir} first if needed. */
  public Path createWorkDir(String prefix) throws IOException {
    Path base = Files.createDirectories(dir.toAbsolutePath().normalize());
    return Files.createTempDirectory(base, prefix);
  }

  /** Prints the text or the JSON report, and writes the JSON file if asked. */
  public void emit(PrintWriter out, String text, Map<String, Object> report) throws IOException {
    String json = Json.pretty(report);
    if (jsonFile != null) {
      Path parent = jsonFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(jsonFile, json + "\n", StandardCharsets.UTF_8);
    }
    out.print(this.json ? json + "\n" : text);
    out.flush();
  }
}

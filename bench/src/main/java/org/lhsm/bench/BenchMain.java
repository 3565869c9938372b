package org.lhsm.bench;

import java.io.PrintWriter;
import java.util.List;
import org.lhsm.bench.bandwidth.BandwidthCommand;
import org.lhsm.bench.daemon.DaemonCommand;
import org.lhsm.bench.footprint.FootprintCommand;
import org.lhsm.bench.footprint.StartupCommand;
import org.lhsm.bench.throughput.ThroughputCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lhsm-bench}: measurements of jhsmtool that are never asserted in unit tests. Exit codes: 0
 * measured (and within tolerance when enforced), 1 the harness failed (I/O error, a copy that did
 * not verify, an emulator that did not start), 2 usage, 3 {@code --enforce} and the measurement is
 * outside the tolerance.
 */
@Command(
    name = "lhsm-bench",
    mixinStandardHelpOptions = true,
    version = "lhsm-bench 0.1.0",
    description = {
      "Benchmarks of jhsmtool: copy throughput against cp on the same disk, the bandwidth"
          + " limit held by the real engine against the emulator, resident memory and start-up"
          + " time of the copytool process, the S3 backend against rclone, request -> flag end to"
          + " end (e2e); and the emulator daemon's own rate of small archives. Human-readable"
          + " report on standard output (--json for JSON); logs on standard error (-v for more)."
    },
    subcommands = {
      ThroughputCommand.class,
      BandwidthCommand.class,
      FootprintCommand.class,
      StartupCommand.class,
      org.lhsm.bench.s3.S3Command.class,
      DaemonCommand.class,
      org.lhsm.bench.e2e.E2eCommand.class,
      CommandLine.HelpCommand.class
    })
public final class BenchMain implements Runnable {
  /** Exit status: the harness itself failed. */
  public static final int EXIT_FAILED = 1;

  /** Exit status: usage error (picocli's default). */
  public static final int EXIT_USAGE = 2;

  /** Exit status: {@code --enforce} was given and the measurement is out of tolerance. */
  public static final int EXIT_OUT_OF_TOLERANCE = 3;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "missing subcommand: throughput, bandwidth, footprint, startup, s3, e2e or daemon");
  }

  public static void main(String[] args) {
    configureLogging(List.of(args));
    int status;
    try {
      status = commandLine().execute(args);
    } catch (AssertionError e) { // the test kit's waits fail this way, e.g. an emulator not ready
      System.err.println("lhsm-bench: " + e.getMessage());
      status = EXIT_FAILED;
    }
    System.exit(status);
  }

  /**
   * slf4j-simple reads its settings when the first logger is created, so they are set before
   * picocli instantiates any command. Defaults: warnings from libraries, only errors from the
   * copytool's classes (they log every action at INFO, and on the emulator every restore warns that
   * no layout was saved), progress of the harness itself at INFO; {@code -v} shows everything at
   * INFO, {@code -vv} at DEBUG. A {@code -D} given on the java command line wins.
   */
  static void configureLogging(List<String> args) {
    int verbose = 0;
    for (String a : args) {
      if (a.equals("-v") || a.equals("--verbose")) {
        verbose++;
      } else if (a.matches("-v+")) {
        verbose += a.length() - 1;
      }
    }
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    setDefault("org.slf4j.simpleLogger.showDateTime", "true");
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
    setDefault(
        "org.slf4j.simpleLogger.defaultLogLevel",
        verbose == 0 ? "warn" : verbose == 1 ? "info" : "debug");
    setDefault("org.slf4j.simpleLogger.log.org.lhsm.bench", verbose >= 2 ? "debug" : "info");
    // on the emulator every restore warns that the archive has no saved layout (no .lov)
    setDefault("org.slf4j.simpleLogger.log.org.lhsm.copytool", verbose == 0 ? "error" : "info");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** The configured command line: failures print one line and map to {@link #EXIT_FAILED}. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new BenchMain());
    cl.setExecutionExceptionHandler(
        (ex, line, parseResult) -> {
          PrintWriter err = line.getErr();
          err.println("lhsm-bench: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
          err.flush();
          org.slf4j.LoggerFactory.getLogger(BenchMain.class).debug("failure", ex);
          return EXIT_FAILED;
        });
    return cl;
  }
}

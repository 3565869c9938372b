package org.lhsm.copytool.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.lhsm.bindings.Errno;
import org.lhsm.copytool.core.LustreAccess;
import picocli.CommandLine;

/**
 * Entry point of {@code jhsmtool} / {@code lhsmtool_posix}. The launcher passes the name it was
 * invoked as in system property {@code lhsm.progname}; it becomes the command name in messages, the
 * log prefix and the process name.
 */
public final class Main {
  static final String ADAPTER = "org.lhsm.copytool.lustre.BindingsLustreAccess";
  private static volatile String[] originalArgs = new String[0];
  private static volatile PrintStream out = System.out;
  // only the real process renames itself and takes over SIGTERM (not tests calling execute)
  private static volatile boolean ownsProcess;

  private Main() {}

  public static void main(String[] args) {
    String prog = System.getProperty("lhsm.progname", "jhsmtool");
    // read by the logging set-up (org.lhsm.copytool.log.LogConfigurator), which also chooses the
    // journald line when JOURNAL_STREAM is set
    System.setProperty("lhsm.progname", prog);
    if (args.length == 2 && args[0].equals(CdsTraining.OPTION)) {
      System.exit(CdsTraining.run(java.nio.file.Path.of(args[1]), prog)); // the launcher's
    }
    ownsProcess = true;
    System.exit(execute(args, loadAccess(), prog, System.out, System.err));
  }

  static String[] originalArgs() {
    return originalArgs.clone();
  }

  static boolean ownsProcess() {
    return ownsProcess;
  }

  static PrintStream out() {
    return out;
  }

  static LustreAccess loadAccess() {
    try {
      Class<?> c = Class.forName(ADAPTER);
      return (LustreAccess) c.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return new UnavailableLustreAccess(e.toString());
    }
  }

  /** Parses and runs; returns the exit status. */
  public static int execute(
      String[] args, LustreAccess access, String prog, PrintStream stdout, PrintStream stderr) {
    originalArgs = args.clone();
    out = stdout;
    CommandLine cl = new CommandLine(new JhsmtoolCommand(access, prog));
    cl.setCommandName(prog);
    cl.setOut(new PrintWriter(stdout, true));
    cl.setErr(new PrintWriter(stderr, true));
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          stderr.println(prog + ": " + ex.getMessage());
          stderr.println("try '" + prog + " --help' for more information");
          return Errno.EINVAL.number();
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          stderr.println(prog + ": " + ex);
          return Errno.numberOf(ex, Errno.EIO);
        });
    return cl.execute(args);
  }
}

package org.lhsm.agentctl;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.lhsm.agentctl.cli.ActionCommand;
import org.lhsm.agentctl.cli.AgentsCommand;
import org.lhsm.agentctl.cli.ArchiveCommand;
import org.lhsm.agentctl.cli.CancelCommand;
import org.lhsm.agentctl.cli.ClearCommand;
import org.lhsm.agentctl.cli.CommonOptions;
import org.lhsm.agentctl.cli.CoordinatorCommand;
import org.lhsm.agentctl.cli.ExporterCommand;
import org.lhsm.agentctl.cli.ReleaseCommand;
import org.lhsm.agentctl.cli.RemoveCommand;
import org.lhsm.agentctl.cli.RequestsCommand;
import org.lhsm.agentctl.cli.RestoreCommand;
import org.lhsm.agentctl.cli.SetCommand;
import org.lhsm.agentctl.cli.StateCommand;
import org.lhsm.agentctl.cli.TakeoverCommand;
import org.lhsm.agentctl.cli.TunablesCommand;
import org.lhsm.agentctl.cli.WhyCommand;
import org.lhsm.agentctl.files.HsmFilesProvider;
import org.lhsm.agentctl.params.ParamLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agentctl}: HSM requests, file states and coordinator inspection for Lustre. */
@Command(
    name = "agentctl",
    mixinStandardHelpOptions = true,
    versionProvider = AgentCtl.Version.class,
    description = {
      "Lustre HSM admin tool: submit and follow HSM requests, show file states, inspect the"
          + " coordinator (agents, queue, tunables) and explain why a file waits.",
      "Coordinator parameters are read like lctl get_param does, from /sys/fs/lustre,"
          + " /sys/kernel/debug/lustre and /proc/fs/lustre, or from --param-root DIR"
          + " (also env LHSM_PARAM_ROOT; the emulator's tree is <emu>/state/params)."
    },
    subcommands = {
      ArchiveCommand.class,
      RestoreCommand.class,
      ReleaseCommand.class,
      RemoveCommand.class,
      CancelCommand.class,
      StateCommand.class,
      SetCommand.class,
      ClearCommand.class,
      ActionCommand.class,
      AgentsCommand.class,
      RequestsCommand.class,
      CoordinatorCommand.class,
      TunablesCommand.class,
      WhyCommand.class,
      TakeoverCommand.class,
      ExporterCommand.class,
      CommandLine.HelpCommand.class
    },
    resourceBundle = "org.lhsm.agentctl.AgentCtl")
public final class AgentCtl implements Runnable {
  @Spec CommandSpec spec;

  /** Inherited by every subcommand: accepted before or after it. */
  @Mixin(name = CommonOptions.MIXIN)
  CommonOptions common;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v")) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    String envRoot = System.getenv("LHSM_PARAM_ROOT");
    CliEnvironment env =
        new CliEnvironment(
            HsmFilesProvider.load(),
            Optional.ofNullable(envRoot).filter(s -> !s.isBlank()).map(Path::of),
            ParamLocator.SYSTEM_ROOTS,
            System.in,
            System.console() != null,
            d -> Thread.sleep(d.toMillis()),
            Clock.systemUTC());
    System.exit(commandLine(env).execute(args));
  }

  /** The configured command line: factory injecting {@code env}, error and exit-code handling. */
  public static CommandLine commandLine(CliEnvironment env) {
    CommandLine cl = new CommandLine(new AgentCtl(), new Factory(env));
    cl.setExecutionExceptionHandler(
        (ex, line, parseResult) -> {
          ErrorMapper.Mapped m = ErrorMapper.map(ex);
          PrintWriter err = line.getErr();
          err.println("agentctl: " + m.message());
          err.flush();
          if (m.exitCode() == ExitCode.GENERAL) {
            org.slf4j.LoggerFactory.getLogger(AgentCtl.class).debug("failure", ex);
          }
          return m.exitCode();
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine line = ex.getCommandLine();
          PrintWriter err = line.getErr();
          err.println("agentctl: " + ex.getMessage());
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help'.");
          }
          err.flush();
          return ExitCode.USAGE;
        });
    return cl;
  }

  /** Creates commands, handing {@link CliEnvironment} to those whose constructor takes it. */
  static final class Factory implements CommandLine.IFactory {
    private final CliEnvironment env;

    Factory(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliEnvironment.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(env));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  /** Version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = AgentCtl.class.getPackage().getImplementationVersion();
      return new String[] {"agentctl " + (v != null ? v : "development")};
    }
  }
}

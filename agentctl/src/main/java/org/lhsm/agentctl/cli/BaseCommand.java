package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.params.ParamLocator;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared plumbing: environment, output, parameter access and filesystem/MDT selection. */
@Command
abstract class BaseCommand implements Callable<Integer> {
  protected final CliEnvironment env;

  @Spec CommandSpec spec;

  BaseCommand(CliEnvironment env) {
    this.env = env;
  }

  /** {@code --json}, {@code --param-root}, ... wherever on the command line they were given. */
  CommonOptions common() {
    return CommonOptions.of(spec);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  boolean json() {
    return common().json;
  }

  void printJson(Object value) {
    out().println(Json.compact(value));
    out().flush();
  }

  ParamStore params() {
    return new ParamStore(env.locator(common().paramRoot()));
  }

  /**
   * The filesystem to inspect: {@code --fsname}, else the one holding {@code hint}, else the only
   * filesystem with MDT parameters on this node.
   */
  String fsname(ParamStore store, Optional<Path> hint) throws IOException, CliException {
    String fsname = common().fsname;
    if (fsname != null) {
      if (!fsname.matches("[A-Za-z0-9_]{1,8}")) {
        throw new CliException(
            ExitCode.USAGE, "bad --fsname '" + fsname + "': 1 to 8 letters, digits or '_'");
      }
      return fsname;
    }
    if (hint.isPresent()) {
      return env.files().fsname(hint.get());
    }
    ParamLocator loc = store.locator();
    List<String> all = loc.filesystems();
    if (all.isEmpty()) {
      throw new CliException(
          ExitCode.NOT_LUSTRE,
          "no Lustre MDT parameters found under "
              + String.join(", ", loc.roots().stream().map(Path::toString).toList())
              + " (run on the MDS, or pass --param-root DIR)");
    }
    if (all.size() > 1) {
      throw new CliException(
          ExitCode.USAGE,
          "several filesystems found (" + String.join(", ", all) + "): choose one with --fsname");
    }
    return all.get(0);
  }

  /** MDT devices of {@code fsname}; at least one. */
  List<String> mdts(ParamStore store, String fsname) throws IOException, CliException {
    List<String> devs = store.locator().mdts(fsname);
    if (devs.isEmpty()) {
      throw new CliException(
          ExitCode.NOT_FOUND,
          "no MDT of filesystem '"
              + fsname
              + "' found under "
              + String.join(", ", store.locator().roots().stream().map(Path::toString).toList()));
    }
    return devs;
  }
}

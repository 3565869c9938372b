package org.lhsm.emulator.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lhsm.emulator.fs.FsLayout;
import org.lhsm.emulator.fs.MountTable;
import org.lhsm.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mount DIR}: add one more client mount (a distinct agent identity). */
@Command(name = "mount", description = "Add a client mount to an emulated filesystem.")
final class MountCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "Filesystem directory")
  Path dir;

  @CommandLine.Option(names = "--json", description = "Print the result as one JSON object")
  boolean json;

  @Override
  public Integer call() throws Exception {
    FsLayout layout = new FsLayout(dir);
    if (!layout.isEmulatorDir()) {
      spec.commandLine()
          .getErr()
          .println("lhsm-emulator: " + layout.dir() + " holds no emulated filesystem");
      return ExitCodes.NOT_AN_EMULATOR;
    }
    Path m = new MountTable(layout).addNext();
    spec.commandLine()
        .getOut()
        .println(json ? Json.compact(java.util.Map.of("mount", m.toString())) : "mount: " + m);
    return ExitCodes.OK;
  }
}

package org.lhsm.bench.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A contender. {@code cp} copies the big file with {@code cp} + {@code sync}; a copytool is a
 * process started on the emulator's agent mount that serves archive id 1 into {@code hsmRoot}.
 *
 * @param name short name in reports: {@code cp}, {@code jhsmtool}, {@code posix}
 * @param command the copytool's command line without the operands, empty for {@code cp}
 * @param env what the copytool needs in its environment besides this JVM's
 * @param describe how it runs, for the report
 */
record Peer(String name, List<String> command, Map<String, String> env, String describe) {
  static final String CP = "cp";
  static final String JHSMTOOL = "jhsmtool";
  static final String POSIX = "posix";

  boolean isCopytool() {
    return !command.isEmpty();
  }

  /** The full command line: {@code -A 1 -p HSM_ROOT MOUNT}, as both copytools spell them. */
  List<String> commandLine(Path hsmRoot, Path mount) {
    List<String> cmd = new java.util.ArrayList<>(command);
    cmd.addAll(List.of("-A", "1", "-p", hsmRoot.toString(), mount.toString()));
    return cmd;
  }
}

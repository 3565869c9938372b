package org.lhsm.bench.footprint;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A copytool to measure: {@code program [args...] --hsm-root ROOT -A 1 MOUNT} with {@code env}
 * added to the environment.
 *
 * @param name the label in the report ({@code jhsmtool}, {@code stock}, …)
 * @param program the executable: jhsmtool's launcher, or {@code lhsmtool_posix}
 * @param env added to the child's environment (the emulator's comes on top)
 * @param stock true for Lustre's own copytool (it needs the emulation library on {@code
 *     LD_LIBRARY_PATH} instead of {@code LHSM_LIBLUSTREAPI})
 */
record Tool(String name, Path program, Map<String, String> env, boolean stock) {
  Tool {
    env = Map.copyOf(env);
  }

  /** The command line serving archive 1 of {@code mount} with its archive in {@code hsmRoot}. */
  List<String> command(Path hsmRoot, Path mount) {
    return List.of(
        program.toString(), "--hsm-root", hsmRoot.toString(), "-A", "1", mount.toString());
  }
}

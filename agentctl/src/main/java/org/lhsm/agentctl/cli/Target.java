package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.files.HsmFiles;
import org.lhsm.bindings.Fid;

/**
 * One file named on the command line, as a path or a FID.
 *
 * @param input what the user typed
 * @param fid the file's FID
 * @param requestPath path on the file's filesystem used to submit requests
 * @param statePath path that opens the file (for FIDs: {@code <mount>/.lustre/fid/<fid>})
 */
record Target(String input, Fid fid, Path requestPath, Path statePath) {

  /**
   * @throws CliException for a bad FID, a FID without {@code --mount}, or an unusable path
   * @throws IOException from the file layer (missing file, not Lustre, errno)
   */
  static Target resolve(String input, Optional<Path> mount, HsmFiles files)
      throws IOException, CliException {
    if (looksLikeFid(input)) {
      Fid fid;
      try {
        fid = Fid.parseLenient(input);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, e.getMessage());
      }
      if (mount.isEmpty()) {
        throw new CliException(
            ExitCode.USAGE,
            "FID " + input + " needs --mount DIR to say which Lustre filesystem it belongs to");
      }
      Path m = mount.get();
      if (!Files.isDirectory(m)) {
        throw new NoSuchFileException(m.toString());
      }
      // a plain directory is no Lustre mount: say so, not that <m>/.lustre/fid/... is missing
      files.fsname(m);
      return new Target(input, fid, m, m.resolve(".lustre/fid/" + fid.toNoBraceString()));
    }
    if (input.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "empty file name");
    }
    Path p;
    try {
      p = Path.of(input);
    } catch (InvalidPathException e) {
      throw new CliException(ExitCode.USAGE, "bad path '" + input + "': " + e.getReason());
    }
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(input);
    }
    return new Target(input, files.path2fid(p), p, p);
  }

  /** True when the text is meant as a FID (bracketed, or three 0x-numbers separated by ':'). */
  static boolean looksLikeFid(String text) {
    String t = text.strip();
    return t.startsWith("[") || t.matches("0[xX][0-9a-fA-F]+:.*");
  }
}

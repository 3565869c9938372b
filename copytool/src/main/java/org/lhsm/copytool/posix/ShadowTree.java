package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The {@code shadow/} tree: a relative symlink at the Lustre path of each archived file pointing at
 * its data file, for humans browsing the archive (compat spec §6.3).
 */
final class ShadowTree {
  private ShadowTree() {}

  /** Link target for a file at {@code relativeLustrePath} whose data is at {@code dataRel}. */
  static String linkTarget(String relativeLustrePath, String dataRel) {
    String rel = stripSlashes(relativeLustrePath);
    int depth = 1 + (int) rel.chars().filter(c -> c == '/').count();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append("..");
    }
    return sb.append('/').append(dataRel).toString();
  }

  private static String stripSlashes(String p) {
    String s = p;
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    return s;
  }

  /** Where the link of the file at {@code relativeLustrePath} is. */
  static Path linkPath(Path shadowRoot, String relativeLustrePath) {
    return shadowRoot.resolve(stripSlashes(relativeLustrePath));
  }

  /**
   * Creates or fixes the link, whose directory must exist; an existing link with the right target
   * is kept.
   */
  static Path update(Path shadowRoot, String relativeLustrePath, String dataRel)
      throws IOException {
    Path link = linkPath(shadowRoot, relativeLustrePath);
    Path target = Path.of(linkTarget(relativeLustrePath, dataRel));
    try {
      // the usual case, a file archived for the first time: one symlink call
      return Files.createSymbolicLink(link, target);
    } catch (FileAlreadyExistsException e) {
      // looked at below
    }
    if (Files.isSymbolicLink(link)) {
      if (Files.readSymbolicLink(link).equals(target)) {
        return link;
      }
      Files.delete(link);
    } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(link);
    }
    Files.createSymbolicLink(link, target);
    return link;
  }
}

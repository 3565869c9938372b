package org.lhsm.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The size rule of CONTRIBUTING.md: no main source file over {@link #MAX_LINES} lines. Counted on
 * the sources (ArchUnit sees bytecode, not lines), in every module's {@code src/main/java}.
 */
final class SourceSize {
  static final int MAX_LINES = 500;

  private SourceSize() {}

  /** The project's root: the parent of this module's directory, where the reactor's pom is. */
  static Path projectRoot() {
    Path root = Path.of("").toAbsolutePath().getParent();
    if (!Files.isRegularFile(root.resolve("pom.xml"))
        || !Files.isDirectory(root.resolve("architecture"))) {
      throw new IllegalStateException("not the project's root: " + root);
    }
    return root;
  }

  /**
   * {@code path: N lines} for each Java file under a module's {@code src/main/java} over the limit.
   */
  static List<String> oversized(Path root, int maxLines) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.sorted().toList()) {
        Path main = module.resolve("src/main/java");
        if (!Files.isDirectory(main)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(main)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
            long lines;
            try (Stream<String> l = Files.lines(f)) {
              lines = l.count();
            }
            if (lines > maxLines) {
              found.add(root.relativize(f) + ": " + lines + " lines");
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }
}

package org.lhsm.it.targets;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Unique per-test directories under one parent, all removed at the end. */
final class TestDirectories {
  private final Path parent;
  private final AtomicInteger counter = new AtomicInteger();
  private final List<Path> created = new ArrayList<>();

  TestDirectories(Path parent) {
    this.parent = parent;
  }

  synchronized Path create(String name) throws IOException {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    Path d = parent.resolve(counter.incrementAndGet() + "-" + safe);
    Files.createDirectories(d);
    created.add(d);
    return d;
  }

  synchronized void removeAll() throws IOException {
    IOException first = null;
    for (Path d : created) {
      try {
        deleteTree(d);
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    created.clear();
    if (first != null) {
      throw first;
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}

package org.lhsm.it.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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
    if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}

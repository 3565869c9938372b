package org.lhsm.emulator.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A walk of the backing directory that finds objects by inode (renames, housekeeping). */
final class TreeWalk {
  private static final Logger LOG = LoggerFactory.getLogger(TreeWalk.class);

  private TreeWalk() {}

  /**
   * Inode to path of every object under {@code root} outside {@code skip} (the first path of a
   * hard-linked file); unreadable directories are skipped.
   */
  static Map<Long, Path> inodes(Path root, Path skip) {
    Map<Long, Path> out = new HashMap<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
              if (dir.equals(skip)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              out.put(ObjectAttrs.inoOf(dir), dir);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
              out.putIfAbsent(ObjectAttrs.inoOf(file), file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warn("tree walk failed: {}", e.toString());
    }
    return out;
  }
}

package org.lhsm.faults.common;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything observable about a directory tree: per entry its type, mode, owner, size, mtime, and
 * for files their content checksum, for links their target. Two snapshots differ exactly where
 * something on disk changed.
 */
public final class TreeSnapshot {
  private final Path root;
  private final Map<String, String> entries;

  private TreeSnapshot(Path root, Map<String, String> entries) {
    this.root = root;
    this.entries = entries;
  }

  /** A snapshot of {@code root} (empty if it does not exist), skipping {@code except} paths. */
  public static TreeSnapshot of(Path root, Path... except) throws IOException {
    Map<String, String> m = new TreeMap<>();
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return new TreeSnapshot(root, m);
    }
    List<Path> skip = List.of(except);
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
              throws IOException {
            if (skip.contains(d)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            m.put(root.relativize(d).toString() + "/", describe(d, a));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            if (!skip.contains(f)) {
              m.put(root.relativize(f).toString(), describe(f, a));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) {
            m.put(root.relativize(f).toString(), "unreadable " + e.getClass().getSimpleName());
            return FileVisitResult.CONTINUE;
          }
        });
    return new TreeSnapshot(root, m);
  }

  private static String describe(Path p, BasicFileAttributes a) throws IOException {
    PosixFileAttributes px =
        Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    String common =
        PosixFilePermissions.toString(px.permissions())
            + " "
            + px.owner().getName()
            + ":"
            + px.group().getName();
    if (a.isSymbolicLink()) {
      return "link " + common + " -> " + Files.readSymbolicLink(p);
    }
    if (a.isDirectory()) {
      return "dir " + common;
    }
    if (a.isRegularFile()) {
      String crc;
      try {
        crc = Long.toHexString(Workload.crc(p));
      } catch (IOException e) {
        crc = "unreadable";
      }
      return "file "
          + common
          + " size="
          + a.size()
          + " mtime="
          + a.lastModifiedTime().toMillis()
          + " crc="
          + crc;
    }
    return "other " + common;
  }

  /** What differs from {@code before}: one line per added, removed or changed entry. */
  public List<String> diff(TreeSnapshot before) {
    List<String> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(entries.keySet());
    keys.addAll(before.entries.keySet());
    for (String k : keys) {
      String was = before.entries.get(k);
      String now = entries.get(k);
      if (!Objects.equals(was, now)) {
        out.add(
            (was == null ? "added " : now == null ? "removed " : "changed ")
                + root.resolve(k)
                + (was != null && now != null ? " (" + was + " -> " + now + ")" : ""));
      }
    }
    return out;
  }

  public int size() {
    return entries.size();
  }
}

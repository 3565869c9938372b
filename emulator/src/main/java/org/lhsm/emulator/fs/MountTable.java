package org.lhsm.emulator.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Client mounts of the filesystem ({@code D/mnt}, {@code D/mnt2}, ...), each with a stable client
 * UUID (the agent identity), persisted in {@code D/state/mounts} as {@code <path> <uuid>} lines.
 */
public final class MountTable {
  private final FsLayout layout;
  private final Map<Path, String> mounts = new LinkedHashMap<>();

  public MountTable(FsLayout layout) throws IOException {
    this.layout = layout;
    reload();
  }

  /** Re-reads the table (another process may have added a mount). */
  public void reload() throws IOException {
    mounts.clear();
    for (String line : FsLayout.lines(layout.mountsFile())) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 2) {
        mounts.put(Path.of(parts[0]), parts[1]);
      }
    }
  }

  public Map<Path, String> all() {
    return Map.copyOf(mounts);
  }

  /** Adds mounts until there are at least {@code count}; returns all mount paths. */
  public Map<Path, String> ensure(int count) throws IOException {
    int n = 1;
    while (mounts.size() < count) {
      Path p = layout.mountPath(n++);
      if (!mounts.containsKey(p)) {
        add(p);
      }
    }
    return new LinkedHashMap<>(mounts);
  }

  /** Adds the next free mount and returns its path. */
  public Path addNext() throws IOException {
    int n = 1;
    while (mounts.containsKey(layout.mountPath(n))) {
      n++;
    }
    Path p = layout.mountPath(n);
    add(p);
    return p;
  }

  private void add(Path p) throws IOException {
    if (!Files.isSymbolicLink(p)) {
      if (Files.exists(p)) {
        throw new IOException("cannot create mount " + p + ": a file of that name exists");
      }
      Files.createSymbolicLink(p, Path.of("fs"));
    }
    mounts.put(p, UUID.randomUUID().toString());
    StringBuilder sb = new StringBuilder();
    mounts.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
    AtomicFiles.write(layout.mountsFile(), sb.toString());
  }

  /**
   * The client UUID of a mount string as given by a registering copytool (lexically normalised; a
   * path through a symlinked parent of {@code D} is also accepted).
   */
  public Optional<String> uuidOf(String mount) {
    Path p;
    try {
      p = Path.of(mount).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return Optional.empty(); // a NUL byte: no mount has that name
    }
    String direct = mounts.get(p);
    if (direct != null) {
      return Optional.of(direct);
    }
    try {
      Path parent = p.getParent() == null ? null : p.getParent().toRealPath();
      for (Map.Entry<Path, String> e : mounts.entrySet()) {
        Path kp = e.getKey().getParent();
        if (parent != null
            && kp != null
            && kp.toRealPath().equals(parent)
            && e.getKey().getFileName().equals(p.getFileName())) {
          return Optional.of(e.getValue());
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}

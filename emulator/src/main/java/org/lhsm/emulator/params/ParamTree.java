package org.lhsm.emulator.params;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lhsm.emulator.fs.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes parameter files atomically when their value changes and detects writes made by other
 * processes (content differing from what was last published).
 */
public final class ParamTree {
  private static final Logger LOG = LoggerFactory.getLogger(ParamTree.class);
  private final Path base;
  private final Map<String, String> published = new HashMap<>();

  public ParamTree(Path paramsRoot, String fsname) {
    this.base = paramsRoot.resolve("mdt").resolve(fsname + "-MDT0000");
  }

  /** Directory holding {@code hsm_control} and {@code hsm/}. */
  public Path base() {
    return base;
  }

  /** Publishes values (name relative to {@link #base()}), writing only changed files. */
  public void publish(Map<String, String> values) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getValue().equals(published.get(e.getKey()))) {
        continue;
      }
      Path f = base.resolve(e.getKey());
      try {
        Files.createDirectories(f.getParent());
        AtomicFiles.write(f, e.getValue(), false);
        published.put(e.getKey(), e.getValue());
      } catch (IOException ex) {
        LOG.warn("cannot write parameter file {}: {}", f, ex.toString());
      }
    }
  }

  /** Forces a file to be rewritten with its published value (after a rejected write). */
  public void republish(String name, String value) {
    published.remove(name);
    publish(Map.of(name, value));
  }

  /**
   * Values written by someone else to the given files since the last publish. A value is reported
   * once it reads the same at two consecutive checks, so a writer caught between its truncate and
   * its write is never mistaken for an empty value.
   */
  public Map<String, String> foreignWrites(Collection<String> writable) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : writable) {
      String mine = published.get(name);
      if (mine == null) {
        continue;
      }
      try {
        String now = Files.readString(base.resolve(name), StandardCharsets.UTF_8);
        if (!now.isEmpty() && !now.equals(mine)) {
          out.put(name, now);
        }
      } catch (NoSuchFileException e) {
        out.put(name, mine);
      } catch (IOException e) {
        LOG.debug("cannot read {}: {}", name, e.toString());
      }
    }
    return out;
  }
}

package org.lhsm.emulator.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.lhsm.emulator.codec.Fid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code .lustre/fid/<FID>} entries: relative symlinks to the objects, so that {@code
 * <mnt>/.lustre/fid/<FID>} opens the object from every mount, as on Lustre.
 */
final class FidLinks {
  private static final Logger LOG = LoggerFactory.getLogger(FidLinks.class);
  private final Path fidDir;

  FidLinks(Path fidDir) {
    this.fidDir = fidDir;
  }

  /** Points {@code .lustre/fid/<FID>} at the record's path. */
  void link(FileRecord r) {
    Path l = fidDir.resolve(r.fid().noBrace());
    try {
      Files.deleteIfExists(l);
      Files.createSymbolicLink(l, Path.of("../..").resolve(r.relPath()));
    } catch (IOException e) {
      LOG.warn("cannot maintain {}: {}", l, e.toString());
    }
  }

  /** Removes the entries of FIDs that {@code keep} rejects (names that are not FIDs stay). */
  void removeAllBut(Predicate<Fid> keep) {
    for (Fid fid : linkedFids()) {
      if (!keep.test(fid)) {
        LOG.info("removing the stale link .lustre/fid/{}", fid.noBrace());
        unlink(fid);
      }
    }
  }

  private List<Fid> linkedFids() {
    List<Fid> out = new ArrayList<>();
    try (Stream<Path> entries = Files.list(fidDir)) {
      for (Path e : entries.toList()) {
        try {
          out.add(Fid.parse(e.getFileName().toString()));
        } catch (IllegalArgumentException notAFid) {
          // not ours
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list {}: {}", fidDir, e.toString());
    }
    return out;
  }

  /** Removes {@code .lustre/fid/<FID>}. */
  void unlink(Fid fid) {
    try {
      Files.deleteIfExists(fidDir.resolve(fid.noBrace()));
    } catch (IOException e) {
      LOG.warn("cannot remove FID link of {}: {}", fid, e.toString());
    }
  }
}

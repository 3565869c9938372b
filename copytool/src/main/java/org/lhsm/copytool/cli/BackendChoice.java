package org.lhsm.copytool.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which archive backend serves which archive id: a default kind and per-id exceptions, from {@code
 * --backend posix|s3|ID=posix|ID=s3} (repeatable) and the config's {@code backend} / {@code
 * backend.<ID>} keys.
 */
record BackendChoice(BackendChoice.Kind defaultKind, Map<Integer, Kind> perArchive) {

  /** A backend kind. */
  enum Kind {
    POSIX,
    S3;

    static Kind parse(String s) throws JhsmtoolCommand.UsageException {
      return switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "posix" -> POSIX;
        case "s3" -> S3;
        default ->
            throw new JhsmtoolCommand.UsageException(
                "unknown backend '" + s + "' (expected posix or s3)");
      };
    }
  }

  static final BackendChoice POSIX_ONLY = new BackendChoice(Kind.POSIX, Map.of());

  BackendChoice {
    perArchive = Map.copyOf(perArchive);
  }

  /**
   * Applies specs in order to {@code base}: {@code KIND} sets the default, {@code ID=KIND} one id.
   */
  static BackendChoice parse(BackendChoice base, List<String> specs)
      throws JhsmtoolCommand.UsageException {
    Kind dflt = base.defaultKind;
    Map<Integer, Kind> per = new LinkedHashMap<>(base.perArchive);
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq < 0) {
        dflt = Kind.parse(spec);
        continue;
      }
      int id;
      try {
        id = Integer.parseInt(spec.substring(0, eq).strip());
      } catch (NumberFormatException e) {
        throw new JhsmtoolCommand.UsageException("bad --backend '" + spec + "': ID=KIND expected");
      }
      if (id <= 0) {
        throw new JhsmtoolCommand.UsageException("bad archive id in --backend '" + spec + "'");
      }
      per.put(id, Kind.parse(spec.substring(eq + 1)));
    }
    return new BackendChoice(dflt, per);
  }

  Kind kindFor(int archiveId) {
    return perArchive.getOrDefault(archiveId, defaultKind);
  }

  /** Whether {@code kind} serves any of {@code servedIds} (empty = all archive ids). */
  boolean uses(Kind kind, Collection<Integer> servedIds) {
    if (servedIds.isEmpty()) {
      return defaultKind == kind || perArchive.containsValue(kind);
    }
    return servedIds.stream().anyMatch(id -> kindFor(id) == kind);
  }
}

package org.lhsm.bindings.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lhsm.bindings.LustreUnavailableException;
import org.lhsm.bindings.raw.LibC;
import org.lhsm.bindings.raw.LibLustreApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads liblustreapi lazily and remembers the outcome for the selection it was made for. The
 * library is chosen by the system property {@value #PROPERTY}, then the environment variable
 * {@value #ENV} (a name or an absolute path), else {@code lustreapi} with {@code liblustreapi.so.1}
 * as fallback (2.15+ installs the unversioned link only with the -devel package). A changed
 * selection is probed again (a JVM that selects another library later, as tests and embedding
 * programs do, is not held to an earlier outcome); the same selection never is.
 */
public final class NativeAccess {
  public static final String PROPERTY = "lhsm.liblustreapi";
  public static final String ENV = "LHSM_LIBLUSTREAPI";
  public static final String DEFAULT_NAME = "lustreapi";
  public static final String VERSIONED_NAME = "liblustreapi.so.1";

  private static final Logger LOG = LoggerFactory.getLogger(NativeAccess.class);
  private static final LibC LIBC = Native.load("c", LibC.class);

  private record Outcome(String selection, String name, LibLustreApi api, Throwable failure) {}

  private static Outcome outcome;

  private NativeAccess() {}

  /** libc, always present on Linux. */
  public static LibC libc() {
    return LIBC;
  }

  /**
   * The bound library.
   *
   * @throws LustreUnavailableException if it could not be loaded
   */
  public static LibLustreApi lustre() throws LustreUnavailableException {
    Outcome o = probe();
    if (o.api == null) {
      throw new LustreUnavailableException(o.failure);
    }
    return o.api;
  }

  public static boolean isAvailable() {
    return probe().api != null;
  }

  /** Why loading failed, or null when the library is loaded. */
  public static Throwable unavailabilityCause() {
    return probe().failure;
  }

  /** The name or path the library was (or would have been) loaded by. */
  public static String libraryName() {
    return probe().name;
  }

  private static synchronized Outcome probe() {
    String selection = selection();
    if (outcome == null || !Objects.equals(outcome.selection, selection)) {
      outcome = load(selection);
    }
    return outcome;
  }

  /** The property, else the environment variable; null when neither is set. */
  private static String selection() {
    String chosen = System.getProperty(PROPERTY);
    if (chosen == null || chosen.isBlank()) {
      chosen = System.getenv(ENV);
    }
    return chosen == null || chosen.isBlank() ? null : chosen.strip();
  }

  private static Outcome load(String chosen) {
    List<String> candidates = new ArrayList<>();
    if (chosen != null) {
      candidates.add(chosen);
    } else {
      candidates.add(DEFAULT_NAME);
      candidates.add(VERSIONED_NAME);
    }
    UnsatisfiedLinkError failure = null;
    for (String name : candidates) {
      try {
        NativeLibrary lib = NativeLibrary.getInstance(name);
        LOG.debug("loaded liblustreapi as {} from {}", name, lib.getFile());
        return new Outcome(chosen, name, LustreLibraryBinder.bind(name, lib), null);
      } catch (UnsatisfiedLinkError e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    LOG.debug("liblustreapi not loadable as {}", candidates, failure);
    return new Outcome(chosen, candidates.get(0), null, failure);
  }
}

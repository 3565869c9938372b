package org.lhsm.agentctl;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.lhsm.agentctl.files.HsmFiles;
import org.lhsm.agentctl.params.ParamLocator;

/**
 * What commands take from outside: file operations, parameter roots, stdin, whether a person is
 * watching (progress bars), and how to wait between polls.
 *
 * @param defaultParamRoot root used when {@code --param-root} is absent (from {@code
 *     LHSM_PARAM_ROOT}); empty means {@code systemRoots}
 * @param systemRoots where lctl looks ({@link ParamLocator#SYSTEM_ROOTS}; tests relocate them)
 */
public record CliEnvironment(
    HsmFiles files,
    Optional<Path> defaultParamRoot,
    List<Path> systemRoots,
    InputStream stdin,
    boolean interactive,
    Pauser pauser,
    Clock clock) {

  /** Waits between polls of a request's state. Tests use one that advances a fake instead. */
  @FunctionalInterface
  public interface Pauser {
    void pause(Duration d) throws InterruptedException;
  }

  public ParamLocator locator(Optional<Path> override) {
    Optional<Path> root = override.or(() -> defaultParamRoot);
    return root.map(r -> new ParamLocator(List.of(r)))
        .orElseGet(() -> new ParamLocator(systemRoots));
  }
}

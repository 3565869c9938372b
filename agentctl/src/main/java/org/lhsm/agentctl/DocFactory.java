package org.lhsm.agentctl;

import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import org.lhsm.agentctl.files.UnavailableHsmFiles;
import org.lhsm.agentctl.params.ParamLocator;
import picocli.CommandLine;

/**
 * Factory for the build-time generators ({@code picocli.AutoComplete --factory}, {@code
 * ManPageGenerator --factory}, {@link org.lhsm.agentctl.doc.TroffManPages}): they only read the
 * command model, so commands get an environment that does nothing.
 */
public final class DocFactory implements CommandLine.IFactory {
  private final CommandLine.IFactory delegate =
      new AgentCtl.Factory(
          new CliEnvironment(
              new UnavailableHsmFiles("not available while generating documentation"),
              Optional.empty(),
              ParamLocator.SYSTEM_ROOTS,
              InputStream.nullInputStream(),
              false,
              d -> {},
              Clock.systemUTC()));

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    return delegate.create(cls);
  }
}

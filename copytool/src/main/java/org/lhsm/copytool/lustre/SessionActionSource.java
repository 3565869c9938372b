package org.lhsm.copytool.lustre;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.lhsm.bindings.CopyAction;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.CopytoolSession;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.BeginOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ActionSource} over a registered {@link CopytoolSession}. */
final class SessionActionSource implements ActionSource {
  private static final Logger LOG = LoggerFactory.getLogger(SessionActionSource.class);

  private final CopytoolSession session;

  SessionActionSource(CopytoolSession session) {
    this.session = session;
  }

  CopytoolSession session() {
    return session;
  }

  Path mount() {
    return session.mount();
  }

  @Override
  public Optional<HsmActionList> receive(Duration timeout) throws IOException {
    return session.receive(timeout);
  }

  @Override
  public void wakeup() {
    session.wakeup();
  }

  @Override
  public void stopReceiving() throws IOException {
    session.stopReceiving();
  }

  @Override
  public ActionHandle begin(HsmActionItem item, BeginOptions options) throws IOException {
    int mdt = -1;
    int openFlags = 0;
    Optional<byte[]> layout = Optional.empty();
    if (item.action() == CopytoolAction.RESTORE) {
      try {
        mdt = session.mdtIndex(item.fid());
      } catch (IOException e) {
        // the stock tool gives up silently here; the default placement is the better fallback
        LOG.warn("cannot get MDT index of {}: {}; using default", item.fid(), e.getMessage());
      }
      layout = options.layout();
      if (layout.isPresent()) {
        // the volatile gets no layout of its own; the saved one is set before any data
        openFlags = CopytoolSession.O_LOV_DELAY_CREATE;
      }
    }
    CopyAction a = session.begin(item, mdt, openFlags);
    return new CopyActionHandle(a, this, layout);
  }

  @Override
  public ActionHandle beginError(HsmActionItem item) throws IOException {
    return new CopyActionHandle(session.beginError(item), this, Optional.empty());
  }

  @Override
  public String mountDescription() {
    return session.mount().toString();
  }

  @Override
  public void close() throws IOException {
    session.close();
  }
}

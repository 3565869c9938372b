package org.lhsm.copytool.lustre;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.lhsm.bindings.CopyAction;
import org.lhsm.bindings.CopytoolSession;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.copytool.core.ActionBatch;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ActionItem;
import org.lhsm.copytool.core.ActionKind;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.BeginOptions;
import org.lhsm.copytool.core.CopytoolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ActionSource} over a registered {@link CopytoolSession}. The original bindings items are
 * kept by cookie between receive and begin (the engine only carries the copytool's own model).
 */
final class SessionActionSource implements ActionSource {
  private static final Logger LOG = LoggerFactory.getLogger(SessionActionSource.class);

  private final CopytoolSession session;
  private final Map<Long, HsmActionItem> received = new ConcurrentHashMap<>();

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
  public Optional<ActionBatch> receive(Duration timeout) throws IOException {
    Optional<HsmActionList> list;
    try {
      list = session.receive(timeout);
    } catch (IOException e) {
      throw Conversions.translate(e);
    }
    if (list.isEmpty()) {
      return Optional.empty();
    }
    for (HsmActionItem i : list.get().items()) {
      if (Conversions.kind(i.action()) != ActionKind.CANCEL) {
        received.put(i.cookie(), i);
      }
    }
    return Optional.of(Conversions.batch(list.get()));
  }

  @Override
  public void wakeup() {
    session.wakeup();
  }

  @Override
  public void stopReceiving() throws IOException {
    try {
      session.stopReceiving();
    } catch (IOException e) {
      throw Conversions.translate(e);
    }
  }

  private HsmActionItem original(ActionItem item) throws CopytoolException {
    HsmActionItem i = received.remove(item.cookie());
    if (i == null) {
      throw new CopytoolException(
          Errno.EINVAL.number(), "no received item with cookie " + item.cookieHex());
    }
    return i;
  }

  @Override
  public ActionHandle begin(ActionItem item, BeginOptions options) throws IOException {
    HsmActionItem i = original(item);
    int mdt = -1;
    int openFlags = 0;
    Optional<byte[]> layout = Optional.empty();
    if (item.kind() == ActionKind.RESTORE) {
      try {
        mdt = session.mdtIndex(i.fid());
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
    try {
      CopyAction a = session.begin(i, mdt, openFlags);
      return new CopyActionHandle(a, this, layout);
    } catch (IOException e) {
      received.put(item.cookie(), i); // beginError still needs it
      throw Conversions.translate(e);
    }
  }

  @Override
  public ActionHandle beginError(ActionItem item) throws IOException {
    HsmActionItem i = original(item);
    try {
      return new CopyActionHandle(session.beginError(i), this, Optional.empty());
    } catch (IOException e) {
      throw Conversions.translate(e);
    }
  }

  @Override
  public String mountDescription() {
    return session.mount().toString();
  }

  @Override
  public void close() throws IOException {
    try {
      session.close();
    } catch (IOException e) {
      throw Conversions.translate(e);
    }
  }
}

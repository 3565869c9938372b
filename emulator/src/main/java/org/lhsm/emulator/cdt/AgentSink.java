package org.lhsm.emulator.cdt;

import java.io.IOException;

/** Write side of an agent's event connection. */
public interface AgentSink {
  /** Writes one whole KUC frame; an IOException means the copytool is gone (EPIPE). */
  void send(byte[] frame) throws IOException;

  /** Closes the connection (idempotent). */
  void close();
}

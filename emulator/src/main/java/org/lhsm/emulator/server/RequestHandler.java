package org.lhsm.emulator.server;

import org.lhsm.emulator.cdt.AgentSink;
import org.lhsm.emulator.cdt.Peer;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.WireReader;

/** Executes one protocol operation. */
public interface RequestHandler {
  /** Result of an operation: body of a successful response, and a registered agent if any. */
  record Result(int rc, byte[] body, String registeredAgent) {
    public static Result ok(byte[] body) {
      return new Result(0, body, null);
    }
  }

  Result handle(Peer peer, int op, WireReader body, AgentSink self) throws HsmException;

  /** The event connection of {@code agentUuid} reached EOF. */
  void eventConnectionClosed(String agentUuid, AgentSink sink);
}

package org.lhsm.emulator.server;

import org.lhsm.emulator.cdt.AgentSink;
import org.lhsm.emulator.cdt.Peer;
import org.lhsm.emulator.codec.WireReader;

/**
 * Executes protocol operations for the {@link SocketServer}, and tells it when an answer may go
 * out: an operation's answer waits until everything it logged (its {@link Result#ticket()}) is
 * durable.
 */
public interface RequestHandler {
  /**
   * Result of an operation: the rc (a negative errno for a refusal), the body of a successful
   * response, the agent registered on this connection if any, and the ticket that must be durable
   * before the answer is sent.
   */
  record Result(int rc, byte[] body, String registeredAgent, long ticket) {
    public static Result ok(byte[] body) {
      return new Result(0, body, null, 0);
    }

    /** The same result, to be answered once {@code t} is durable. */
    public Result withTicket(long t) {
      return new Result(rc, body, registeredAgent, t);
    }
  }

  /** Runs one operation (refusals are results with a negative rc); must not wait for durability. */
  Result handle(Peer peer, int op, WireReader body, AgentSink self);

  /**
   * Called on the server thread after it executed the operations that were ready, before it waits
   * for more: where work they signalled (a dispatch) can run without waking another thread.
   */
  void afterBatch();

  /** The event connection of {@code agentUuid} reached EOF. */
  void eventConnectionClosed(String agentUuid, AgentSink sink);

  /** Whether every append up to {@code ticket} is durable. */
  boolean isDurable(long ticket);

  /** Blocks until {@code ticket} is durable (an unchecked exception if it never will be). */
  void awaitDurable(long ticket);

  /** Calls {@code r} (from another thread) whenever more appends became durable. */
  void onDurable(Runnable r);
}

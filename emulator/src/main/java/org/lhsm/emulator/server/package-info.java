/**
 * The UNIX-socket server speaking emulator/PROTOCOL.md: one selector thread accepts connections,
 * reads and executes requests and writes answers, in order per connection, each answer once the
 * handler says its ticket is durable; registered connections leave the selector for a thread of
 * their own and become KUC event connections. Handlers run under the daemon lock. Arguments are
 * never null.
 */
package org.lhsm.emulator.server;

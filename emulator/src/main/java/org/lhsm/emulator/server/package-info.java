/**
 * The UNIX-socket server speaking emulator/PROTOCOL.md: one thread per connection, requests
 * answered in order, registered connections turned into KUC event connections. Handlers run under
 * the daemon lock. Arguments are never null.
 */
package org.lhsm.emulator.server;

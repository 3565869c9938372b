/**
 * The copytool's logging: {@link org.lhsm.copytool.log.LogConfigurator} sets logback up in code at
 * start-up (no XML), with the lhsmtool_posix-like {@code prog: <sec.usec> prog[tid]: text} line or,
 * under journald, a syslog-priority-prefixed one; the converters make the same fields available to
 * a {@code -Djhsmtool.log.pattern}.
 *
 * <p>Threading: converters and the layout are stateless. Nullness: MDC values may be absent.
 */
package org.lhsm.copytool.log;

/**
 * Logback converters for the copytool's log formats: the lhsmtool_posix-like {@code prog:
 * <sec.usec> prog[tid]: text} line for files, and a syslog-priority-prefixed line for journald.
 *
 * <p>Threading: converters are stateless. Nullness: MDC values may be absent.
 */
package org.lhsm.copytool.log;

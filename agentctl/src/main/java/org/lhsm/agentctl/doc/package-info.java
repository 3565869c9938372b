/**
 * Build-time documentation: {@link org.lhsm.agentctl.doc.TroffManPages} writes troff man pages from
 * the picocli command model, so {@code man} can show them without any external tool.
 *
 * <p>Threading: single-threaded, run once from the build. Nullness: no nulls in or out.
 */
package org.lhsm.agentctl.doc;

/**
 * Smoke runs of the packaged harness ({@code target/lhsm-bench.jar}) as a child process, with tiny
 * sizes: they check that both measurements run and that their reports are well-formed and
 * self-consistent, never how fast anything is.
 *
 * <p>Threading: JUnit's. Nullness: no nulls unless documented.
 */
package org.lhsm.bench.smoke;

/**
 * Hand-written test doubles for the copytool's interfaces: an action source that tests feed with
 * batches and that records every begin/progress/end, and helpers to build items and wait on
 * conditions with a deadline.
 *
 * <p>Threading: the fakes are safe to use from the engine's threads and the test thread. Nullness:
 * a fake handle's data file may be null when the test never opens it.
 */
package org.lhsm.copytool.fakes;

/**
 * JMH microbenchmarks of the bindings' hot paths: the action-list decoder and FID parsing and
 * formatting. The copy loop's benchmark sits in {@code org.lhsm.copytool.posix} (this module) to
 * reach the package-private {@code DataMover}. Run by hand only (jmh/README.md).
 *
 * <p>Threading: JMH's. Nullness: no nulls.
 */
package org.lhsm.jmh;

/**
 * What the measurements share: a small JSON writer for the machine-readable reports, best/median
 * statistics, size/rate units ({@code 8M}, {@code 1G}; plain numbers are MiB, as in jhsmtool), and
 * the incompressible source files with their CRC32C.
 *
 * <p>Threading: stateless helpers. Nullness: JSON values may be null (written as {@code null});
 * nothing else takes or returns null.
 */
package org.lhsm.bench.report;

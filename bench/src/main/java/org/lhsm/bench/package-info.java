/**
 * The {@code lhsm-bench} command line: one picocli subcommand per measurement ({@code throughput},
 * {@code bandwidth}, {@code s3}, {@code daemon}). A CLI, so reports go to standard output;
 * diagnostics go through slf4j (slf4j-simple, standard error).
 *
 * <p>Threading: {@link org.lhsm.bench.BenchMain#main} runs one measurement on the calling thread.
 * Nullness: no nulls unless documented.
 */
package org.lhsm.bench;

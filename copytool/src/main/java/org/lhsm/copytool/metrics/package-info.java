/**
 * Optional Prometheus {@code /metrics} endpoint ({@code --metrics-port}, bound to 127.0.0.1 unless
 * {@code --metrics-address} says otherwise): action counts by kind and result, bytes copied, queued
 * and running actions.
 *
 * <p>Threading: counters are updated from worker threads; gauges are read on the HTTP server's
 * threads. Nullness: no nulls.
 */
package org.lhsm.copytool.metrics;

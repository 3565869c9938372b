/**
 * {@code agentctl exporter}: Prometheus metrics of the HSM coordinators of the node, read from
 * their parameter files at every scrape ({@link org.lhsm.agentctl.exporter.CoordinatorCollector})
 * with a bounded cost, plus what only following requests across scrapes tells ({@link
 * org.lhsm.agentctl.exporter.RequestTracker}: the age of waiting and running requests, completion
 * latency).
 *
 * <p>Threading: the collector serializes its scrapes; the tracker is confined to it. Nullness:
 * nothing is {@code null}; absence is an {@code Optional}.
 */
package org.lhsm.agentctl.exporter;

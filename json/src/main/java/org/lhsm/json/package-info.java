/**
 * {@link org.lhsm.json.Json}: JSON text from plain Java values, shared by agentctl ({@code --json})
 * and bench (reports). Not a bindings concern, so not in java-bindings; small enough that a JSON
 * library would not pay for itself in the CLI's start-up and jar.
 *
 * <p>Threading: stateless, thread-safe. Nullness: null values are written as JSON {@code null}.
 */
package org.lhsm.json;

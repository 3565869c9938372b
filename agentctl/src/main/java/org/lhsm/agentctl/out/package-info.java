/**
 * Output formatting for agentctl: aligned text tables for people, {@link org.lhsm.agentctl.out.Lfs}
 * for the bindings' values as lfs prints them; {@code --json} goes through the shared {@code
 * org.lhsm.json.Json} writer.
 *
 * <p>Threading: instances are single-use builders, not shared. Nullness: table cells may not be
 * null.
 */
package org.lhsm.agentctl.out;

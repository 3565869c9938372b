/**
 * Output formatting for agentctl: aligned text tables for people and a minimal JSON writer for
 * {@code --json} (no JSON library is among the project's dependencies).
 *
 * <p>Threading: instances are single-use builders, not shared. Nullness: JSON values may be {@code
 * null} (written as {@code null}); table cells may not.
 */
package org.lhsm.agentctl.out;

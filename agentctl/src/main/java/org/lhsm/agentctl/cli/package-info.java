/**
 * agentctl's subcommands, one class each. Commands print results through {@code
 * spec.commandLine().getOut()} (human tables, or JSON with {@code --json}) and report failures by
 * throwing; {@link org.lhsm.agentctl.ErrorMapper} turns those into a message on stderr and a
 * documented exit code.
 *
 * <p>Threading: a command instance runs once, on the caller's thread. Nullness: no nulls.
 */
package org.lhsm.agentctl.cli;

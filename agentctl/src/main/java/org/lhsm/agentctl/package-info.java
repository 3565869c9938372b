/**
 * agentctl: the admin CLI for Lustre HSM. {@link org.lhsm.agentctl.AgentCtl} is the entry point;
 * {@link org.lhsm.agentctl.ExitCode} holds the documented, stable exit codes; {@link
 * org.lhsm.agentctl.CliEnvironment} carries what commands need from the outside world so tests can
 * substitute fakes.
 *
 * <p>Threading: one command runs at a time on the calling thread. Nullness: no nulls.
 */
package org.lhsm.agentctl;

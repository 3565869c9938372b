/**
 * Test plumbing: owned child processes (killed by PID with their descendants), the copytool
 * launcher, the in-process agentctl runner, state waits with scaled deadlines, test data and the
 * reading of a copytool's archive tree. Used from the JUnit thread only; nothing is null unless
 * documented.
 */
package org.lhsm.it.support;

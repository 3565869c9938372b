/**
 * Test plumbing on top of the emulator's test kit (child processes, {@code Await}): the copytool
 * launcher, the in-process agentctl runner, test data and the reading of a copytool's archive tree.
 * Used from the JUnit thread only; nothing is null unless documented.
 */
package org.lhsm.it.support;

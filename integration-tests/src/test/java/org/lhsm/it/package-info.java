/**
 * End-to-end tests of the copytool (jhsmtool, run as child JVMs from its shaded jar) and agentctl
 * (run in-process through picocli) against one {@link org.lhsm.it.targets.Target}: the emulator by
 * default, a real Lustre mount with {@code -Dlhsm.mount}. Classes run one after another; each owns
 * its target, and each test owns its directory and copytools. Waits are on observable state with
 * deadlines scaled by {@code -Dlhsm.timeoutScale}. Nothing is null unless documented.
 */
package org.lhsm.it;

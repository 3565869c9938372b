/**
 * What every campaign shares: seeds and their replay, the result and its report, the environment
 * (jars, emulation library, work directory), workloads of seeded files, the HSM client side and the
 * copytool child process, tree snapshots and the archive audit.
 */
package org.lhsm.faults.common;

/**
 * Hostile inputs: bad command lines and config files for jhsmtool and agentctl, run as real
 * processes, each checked for its documented exit code, a message naming what is wrong, no change
 * on disk and a prompt exit; and symbolic links planted in the archive tree, which a served
 * copytool must not follow out of its HSM root.
 */
package org.lhsm.faults.hostile;

/**
 * Campaign {@code permissions}: real copytool and agentctl processes run as unprivileged users
 * against an emulator daemon started by the campaign, which must refuse them what Lustre refuses
 * (copytool registration, coordinator control) and judge their HSM requests by the request masks
 * (releases by file mode), as root changes them.
 */
package org.lhsm.faults.perms;

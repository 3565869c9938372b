/** Full disks on both sides of the copytool: the archive, and the Lustre side of a restore. */
package org.lhsm.faults.diskfull;

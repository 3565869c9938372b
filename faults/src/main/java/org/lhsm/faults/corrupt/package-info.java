/** Corrupted, truncated or incomplete archives: restores must fail cleanly, or stay correct. */
package org.lhsm.faults.corrupt;

/**
 * {@code lhsm-faults}: fault campaigns against the copytool, the coordinator emulator and the
 * emulation library (issue 12). Never shipped. {@link org.lhsm.faults.FaultsMain} is the command
 * line; each campaign lives in its own package and reports through {@link
 * org.lhsm.faults.common.CampaignResult}.
 */
package org.lhsm.faults;

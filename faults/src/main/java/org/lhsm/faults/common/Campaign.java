package org.lhsm.faults.common;

/** One fault campaign. */
public interface Campaign {
  /** The command-line name, e.g. {@code copytool-kill}. */
  String name();

  /** One line on what it does, for the help and the README table. */
  String description();

  /** Runs it; every trial passed or failed is in the result. */
  CampaignResult run(Context ctx) throws Exception;
}

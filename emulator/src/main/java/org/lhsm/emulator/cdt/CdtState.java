package org.lhsm.emulator.cdt;

/** Coordinator states and their {@code hsm_control} display strings. */
public enum CdtState {
  STOPPED("stopped"),
  INIT("init"),
  RUNNING("enabled"),
  DISABLED("disabled"),
  STOPPING("stopping");

  private final String display;

  CdtState(String display) {
    this.display = display;
  }

  public String display() {
    return display;
  }
}

package org.lhsm.emulator.cli;

/** Registers the action run when the JVM is asked to stop (SIGTERM, SIGINT, exit). */
@FunctionalInterface
interface ShutdownHooks {
  ShutdownHooks RUNTIME = hook -> Runtime.getRuntime().addShutdownHook(hook);

  void add(Thread hook);
}

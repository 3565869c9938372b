package org.lhsm.copytool.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGINT/SIGTERM handling through the JDK's {@code sun.misc.Signal} (reached reflectively: it is
 * supported API of module jdk.unsupported, but javac would warn on a direct reference). Falls back
 * to a shutdown hook where it is missing.
 */
final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  /** Calls {@code onSignal} with "TERM" or "INT" on the JDK's signal thread. */
  static boolean install(Consumer<String> onSignal) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Method getName = signal.getMethod("getName");
      InvocationHandler ih =
          (proxy, method, args) -> {
            switch (method.getName()) {
              case "handle" -> onSignal.accept((String) getName.invoke(args[0]));
              case "hashCode" -> {
                return System.identityHashCode(proxy);
              }
              case "equals" -> {
                return proxy == args[0];
              }
              case "toString" -> {
                return "jhsmtool signal handler";
              }
              default -> {
                // nothing else is declared
              }
            }
            return null;
          };
      Object handler =
          Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerType}, ih);
      Constructor<?> ctor = signal.getConstructor(String.class);
      Method handle = signal.getMethod("handle", signal, handlerType);
      for (String name : new String[] {"TERM", "INT"}) {
        handle.invoke(null, ctor.newInstance(name), handler);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.debug("sun.misc.Signal unavailable ({}), using a shutdown hook", e.toString());
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> onSignal.accept("TERM"), "jhsmtool-shutdown"));
      return false;
    }
  }

  static String describe(String name) {
    return switch (name) {
      case "TERM" -> "Terminated";
      case "INT" -> "Interrupt";
      default -> name;
    };
  }
}

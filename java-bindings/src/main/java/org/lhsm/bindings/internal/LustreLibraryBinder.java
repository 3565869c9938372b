package org.lhsm.bindings.internal;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lhsm.bindings.LustreNotSupportedException;
import org.lhsm.bindings.raw.LibLustreApi;

/**
 * Binds {@link LibLustreApi} to one loaded library so that every symbol is looked up on first use:
 * a symbol the library lacks (older Lustre) raises {@link LustreNotSupportedException} for that one
 * function instead of JNA's {@link UnsatisfiedLinkError}.
 */
public final class LustreLibraryBinder {
  private LustreLibraryBinder() {}

  /**
   * @param libraryName the name or path {@code library} was loaded by
   * @param library an already loaded library (loading it is the availability probe)
   */
  public static LibLustreApi bind(String libraryName, NativeLibrary library) {
    LibLustreApi jna = Native.load(libraryName, LibLustreApi.class);
    Map<String, Boolean> present = new ConcurrentHashMap<>();
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, args);
          }
          String name = method.getName();
          boolean found = present.computeIfAbsent(name, n -> hasSymbol(library, n));
          if (!found) {
            throw new LustreNotSupportedException(name);
          }
          try {
            return method.invoke(jna, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (LibLustreApi)
        Proxy.newProxyInstance(
            LibLustreApi.class.getClassLoader(), new Class<?>[] {LibLustreApi.class}, handler);
  }

  private static boolean hasSymbol(NativeLibrary library, String name) {
    try {
      Function f = library.getFunction(name);
      return f != null;
    } catch (UnsatisfiedLinkError e) {
      return false;
    }
  }

  private static Object objectMethod(Object proxy, Method method, Object[] args) {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return "LibLustreApi proxy";
    }
  }
}

package org.lhsm.bindings.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.NativeLibrary;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.LustreNotSupportedException;
import org.lhsm.bindings.raw.LibLustreApi;

class LustreLibraryBinderTest {

  private static Object zero(Class<?> type) {
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == boolean.class) {
      return false;
    }
    return null;
  }

  @Test
  void everyFunctionMissingFromTheLibraryIsNotSupportedNeverALinkError() throws Exception {
    LibLustreApi api =
        LustreLibraryBinder.bind("libm.so.6", NativeLibrary.getInstance("libm.so.6"));
    List<Method> methods =
        Arrays.stream(LibLustreApi.class.getMethods())
            .filter(m -> m.getName().startsWith("llapi_"))
            .toList();
    assertThat(methods).hasSizeGreaterThan(45);

    for (Method m : methods) {
      Object[] args = Arrays.stream(m.getParameterTypes()).map(t -> zero(t)).toArray();
      assertThatThrownBy(() -> invoke(api, m, args))
          .as(m.getName())
          .isExactlyInstanceOf(LustreNotSupportedException.class)
          .hasMessage(m.getName() + ": not supported by this liblustreapi");
      // declared (through its IOException supertype: raw names nothing of the safe API)
      assertThat(m.getExceptionTypes())
          .as(m.getName())
          .anyMatch(t -> t.isAssignableFrom(LustreNotSupportedException.class));
    }
  }

  @Test
  void proxyObjectMethodsDoNotTouchTheLibrary() {
    LibLustreApi api =
        LustreLibraryBinder.bind("libm.so.6", NativeLibrary.getInstance("libm.so.6"));
    assertThat(api).isEqualTo(api);
    assertThat(api.hashCode()).isEqualTo(System.identityHashCode(api));
    assertThat(api.toString()).contains("LibLustreApi");
  }

  private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

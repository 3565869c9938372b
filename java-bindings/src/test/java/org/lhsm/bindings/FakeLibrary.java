package org.lhsm.bindings;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.lhsm.bindings.internal.NativeAccess;

/** Test access to the fake liblustreapi (src/test/c) and its fake_* controls. */
final class FakeLibrary implements AutoCloseable {
  private final String saved = System.getProperty(NativeAccess.PROPERTY);
  private final NativeLibrary lib;

  FakeLibrary() {
    String path = System.getProperty("lhsm.test.fakelib");
    Assumptions.assumeTrue(
        path != null && Files.isRegularFile(Path.of(path)),
        "fake liblustreapi not built (system property lhsm.test.fakelib: " + path + ")");
    System.setProperty(NativeAccess.PROPERTY, path);
    lib = NativeLibrary.getInstance(path);
    call("fake_reset");
  }

  int call(String fn, Object... args) {
    return lib.getFunction(fn).invokeInt(args);
  }

  long callLong(String fn, Object... args) {
    return lib.getFunction(fn).invokeLong(args);
  }

  Pointer pointer(String fn) {
    return lib.getFunction(fn).invokePointer(new Object[0]);
  }

  void rcs(int register, int begin, int progress, int end, int request) {
    call("fake_set_rcs", register, begin, progress, end, request);
  }

  void push(byte[] msg) {
    if (call("fake_push_message", msg, msg.length) != 0) {
      throw new IllegalStateException("fake_push_message failed");
    }
  }

  @Override
  public void close() {
    if (saved == null) {
      System.clearProperty(NativeAccess.PROPERTY);
    } else {
      System.setProperty(NativeAccess.PROPERTY, saved);
    }
  }
}

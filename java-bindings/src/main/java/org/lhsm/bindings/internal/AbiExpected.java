package org.lhsm.bindings.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The table behind {@link AbiLayout#expected()}, under the key names of the C layout probe ({@code
 * sizeof.<struct>}, {@code offsetof.<struct>.<field>}, {@code const.<NAME>}): the Lustre structs
 * ({@link AbiExpectedStructs}), then the constants with the libc structs among them ({@link
 * AbiExpectedConstants}). Built once, on first use.
 */
final class AbiExpected {
  private AbiExpected() {}

  static final Map<String, Long> MAP = build();

  private static Map<String, Long> build() {
    Map<String, Long> m = new LinkedHashMap<>();
    AbiExpectedStructs.addTo(m);
    AbiExpectedConstants.addTo(m);
    return Collections.unmodifiableMap(m);
  }

  static void struct(Map<String, Long> m, String name, long size, Object... fields) {
    m.put("sizeof." + name, size);
    for (int i = 0; i < fields.length; i += 2) {
      m.put("offsetof." + name + "." + fields[i], ((Number) fields[i + 1]).longValue());
    }
  }

  static void constant(Map<String, Long> m, String name, long value) {
    m.put("const." + name, value);
  }
}

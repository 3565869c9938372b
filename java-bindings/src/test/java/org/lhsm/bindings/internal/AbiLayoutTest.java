package org.lhsm.bindings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Compares every size, offset and constant in {@link AbiLayout} with what the C compiler says,
 * through the probe libraries built by native/ ({@code lhsm_abi_probe()}).
 */
class AbiLayoutTest {

  private static Path nativeDir() {
    String dir = System.getProperty("lhsm.native.dir");
    Assumptions.assumeTrue(dir != null, "system property lhsm.native.dir is not set");
    return Path.of(dir);
  }

  static Map<String, Long> probe(Path library) {
    NativeLibrary lib = NativeLibrary.getInstance(library.toString());
    Function f = lib.getFunction("lhsm_abi_probe");
    String text = f.invokeString(new Object[0], false);
    Map<String, Long> values = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      int eq = line.indexOf('=');
      assertThat(eq).as("probe line '%s' has key=value form", line).isPositive();
      values.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).strip()));
    }
    return values;
  }

  @Test
  void javaLayoutMatchesProjectHeader() {
    Path probe = nativeDir().resolve("liblhsmprobe.so");
    Assumptions.assumeTrue(
        Files.isRegularFile(probe),
        "ABI probe " + probe + " not built (run the native module build first)");
    Map<String, Long> c = probe(probe);

    assertThat(c).as("probe output").isNotEmpty();
    Map<String, String> differences = new TreeMap<>();
    AbiLayout.expected()
        .forEach(
            (key, value) -> {
              if (!value.equals(c.get(key))) {
                differences.put(key, "java " + value + ", C " + c.get(key));
              }
            });
    assertThat(differences)
        .as("Java values that the probe reports differently or not at all")
        .isEmpty();
    Map<String, Long> unknownToJava = new TreeMap<>(c);
    unknownToJava.keySet().removeAll(AbiLayout.expected().keySet());
    assertThat(unknownToJava).as("probe keys that Java does not mirror").isEmpty();
    assertNotProbedAgree(c);
  }

  @Test
  void javaLayoutMatchesInstalledLustreHeaders() {
    Path probe = nativeDir().resolve("liblhsmprobe-real.so");
    Assumptions.assumeTrue(
        Files.isRegularFile(probe),
        "real-header probe "
            + probe
            + " not built: no <lustre/lustreapi.h> on this machine (install lustre-devel,"
            + " e.g. on the test VM)");
    Map<String, Long> c = probe(probe);

    Map<String, Long> mismatched = new TreeMap<>();
    Map<String, Long> missing = new TreeMap<>();
    AbiLayout.expected()
        .forEach(
            (key, value) -> {
              Long real = c.get(key);
              if (real == null) {
                if (!isIdlOnly(key)) {
                  missing.put(key, value);
                }
              } else if (!real.equals(value)) {
                mismatched.put(key, real);
              }
            });
    assertThat(mismatched).as("real header values that differ from Java").isEmpty();
    assertThat(missing).as("Java keys the real headers do not define").isEmpty();
    Map<String, Long> unknownToJava = new TreeMap<>(c);
    unknownToJava.keySet().removeAll(AbiLayout.expected().keySet());
    unknownToJava.keySet().removeAll(AbiLayout.notProbed().keySet());
    assertThat(unknownToJava).as("real probe keys that Java does not mirror").isEmpty();
    assertNotProbedAgree(c);
  }

  private static boolean isIdlOnly(String key) {
    String[] parts = key.split("\\.");
    return parts.length >= 2 && AbiLayout.IDL_ONLY_STRUCTS.contains(parts[1]);
  }

  private static void assertNotProbedAgree(Map<String, Long> c) {
    AbiLayout.notProbed()
        .forEach(
            (key, value) -> {
              if (c.containsKey(key)) {
                assertThat(c.get(key)).as("probe value of %s", key).isEqualTo(value);
              }
            });
  }

  @Test
  void layoutTableIsConsistentWithItself() {
    Map<String, Long> e = AbiLayout.expected();
    assertThat(e.get("sizeof.hsm_action_item")).isEqualTo(AbiLayout.HAI_SIZE);
    assertThat(e.get("offsetof.hsm_action_item.hai_data")).isEqualTo(AbiLayout.HAI_SIZE);
    assertThat(e.get("offsetof.hsm_action_list.hal_fsname")).isEqualTo(AbiLayout.HAL_SIZE);
    assertThat(e.get("offsetof.hsm_copy.hc_hai") + AbiLayout.HAI_SIZE)
        .isEqualTo(e.get("sizeof.hsm_copy"));
    assertThat(AbiLayout.roundUp8(0)).isZero();
    assertThat(AbiLayout.roundUp8(1)).isEqualTo(8);
    assertThat(AbiLayout.roundUp8(72)).isEqualTo(72);
    assertThat(AbiLayout.roundUp8(73)).isEqualTo(80);
  }

  @Test
  void oDirectoryAndNofollowFollowTheArchitecture() {
    // the probe checks the build machine; these are the agent nodes it cannot be run on
    assertThat(AbiLayout.oDirectory("x86-64")).isEqualTo(0200000);
    assertThat(AbiLayout.oDirectory("s390x")).isEqualTo(0200000);
    assertThat(AbiLayout.oDirectory("aarch64")).isEqualTo(040000);
    assertThat(AbiLayout.oDirectory("arm")).isEqualTo(040000);
    assertThat(AbiLayout.oDirectory("ppc64le")).isEqualTo(040000);
    assertThat(AbiLayout.oNofollow("x86-64")).isEqualTo(0400000);
    assertThat(AbiLayout.oNofollow("aarch64")).isEqualTo(0100000);
    assertThat(AbiLayout.oNofollow("ppc64le")).isEqualTo(0100000);
  }
}

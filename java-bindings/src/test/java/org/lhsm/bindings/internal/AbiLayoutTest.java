package org.lhsm.bindings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.internal.AbiLayout.VersionSpecific;

/**
 * Compares every size, offset and constant in {@link AbiLayout} with what the C compiler says, per
 * Lustre version:
 *
 * <ul>
 *   <li>native/test/abi_expected.txt (system property {@code lhsm.abi.expected}) holds the C value
 *       of every probe key in every supported Lustre version; Java must agree with it in each
 *       version, by equality or by the rule {@link AbiLayout#versionSpecific()} gives the key;
 *   <li>the probe built from our header ({@code ${lhsm.native.dir}/liblhsmprobe.so}) must report
 *       exactly the table's values at the version the header follows;
 *   <li>each probe built from real Lustre headers must report exactly the table's values at its
 *       version: {@code ${lhsm.native.dir}/liblhsmprobe-real.so} when {@code make probe-real} built
 *       it, and every path in {@code lhsm.abi.realProbes} (comma-separated; set by
 *       native/probe/check-lustre-headers.sh). With {@code -Dlhsm.abi.requireRealProbe=true} a run
 *       without any real-header probe fails instead of skipping.
 * </ul>
 */
class AbiLayoutTest {

  private static final String REAL_PROBES = "lhsm.abi.realProbes";
  private static final String REQUIRE_REAL = "lhsm.abi.requireRealProbe";

  /** C values of one probe, or of the expected table at one version. */
  record CValues(String label, int major, int minor, Map<String, Long> values, Set<String> absent) {
    boolean reports(String key) {
      return values.containsKey(key) || absent.contains(key);
    }

    String show(String key) {
      if (values.containsKey(key)) {
        return String.valueOf(values.get(key));
      }
      return absent.contains(key) ? "absent" : "not reported";
    }

    Set<String> keys() {
      Set<String> k = new TreeSet<>(values.keySet());
      k.addAll(absent);
      return k;
    }
  }

  /** native/test/abi_expected.txt: key[@RANGE]=value lines and the @versions line. */
  static final class ExpectedTable {
    private static final int OPEN = Integer.MAX_VALUE;

    record Line(int lo, int hi, String value, int lineNo) {}

    final List<String> versions = new ArrayList<>();
    final Map<String, List<Line>> lines = new LinkedHashMap<>();

    static ExpectedTable load(Path file) throws IOException {
      ExpectedTable t = new ExpectedTable();
      List<String> all = Files.readAllLines(file);
      for (int i = 0; i < all.size(); i++) {
        String line = all.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("@versions=")) {
          t.versions.addAll(Arrays.asList(line.substring(10).strip().split("\\s+")));
          continue;
        }
        int eq = line.indexOf('=');
        assertThat(eq).as("%s line %d has key=value form", file, i + 1).isPositive();
        String key = line.substring(0, eq);
        int lo = 0;
        int hi = OPEN;
        int at = key.indexOf('@');
        if (at >= 0) {
          String range = key.substring(at + 1);
          key = key.substring(0, at);
          int dots = range.indexOf("..");
          if (dots < 0) {
            lo = hi = version(range);
          } else {
            lo = dots == 0 ? 0 : version(range.substring(0, dots));
            hi = dots + 2 == range.length() ? OPEN : version(range.substring(dots + 2));
          }
        }
        t.lines
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(new Line(lo, hi, line.substring(eq + 1), i + 1));
      }
      return t;
    }

    static int version(String majorMinor) {
      String[] p = majorMinor.split("\\.");
      return Integer.parseInt(p[0]) * 1000 + Integer.parseInt(p[1]);
    }

    /** Problems of the table itself: each key has one value per version, the newest open-ended. */
    List<String> lint() {
      List<String> problems = new ArrayList<>();
      if (versions.isEmpty()) {
        problems.add("no @versions line");
      }
      lines.forEach(
          (key, ls) -> {
            for (int i = 0; i < versions.size(); i++) {
              int v = version(versions.get(i));
              List<Line> m = ls.stream().filter(l -> l.lo <= v && v <= l.hi).toList();
              if (m.size() != 1) {
                problems.add(key + " has " + m.size() + " values for " + versions.get(i));
              } else if (i == versions.size() - 1 && m.get(0).hi != OPEN) {
                problems.add(key + ": the line for " + versions.get(i) + " must be open-ended");
              }
            }
          });
      return problems;
    }

    /** The table's values at {@code major.minor}, for the running architecture. */
    CValues at(int major, int minor) {
      int v = major * 1000 + minor;
      assertThat(v)
          .as("Lustre %d.%d is older than the supported versions %s", major, minor, versions)
          .isGreaterThanOrEqualTo(version(versions.get(0)));
      Map<String, Long> values = new TreeMap<>();
      Set<String> absent = new TreeSet<>();
      lines.forEach(
          (key, ls) -> {
            String value =
                ls.stream()
                    .filter(l -> l.lo <= v && v <= l.hi)
                    .map(Line::value)
                    .reduce(
                        (a, b) -> {
                          throw new AssertionError(key + ": two values for " + major + "." + minor);
                        })
                    .orElseThrow(
                        () -> new AssertionError(key + ": no value for " + major + "." + minor));
            if (value.equals("absent")) {
              absent.add(key);
            } else {
              values.put(key, Long.parseLong(value));
            }
          });
      // the same exceptions as check_probe.sh: these open flags differ on arm and powerpc
      if (armOrPowerpc(Platform.ARCH)) {
        values.put("const.O_DIRECTORY", 040000L);
        values.put("const.O_NOFOLLOW", 0100000L);
      }
      return new CValues(
          "abi_expected.txt at " + major + "." + minor, major, minor, values, absent);
    }

    List<int[]> versionNumbers() {
      return versions.stream().map(s -> new int[] {version(s) / 1000, version(s) % 1000}).toList();
    }
  }

  private static boolean armOrPowerpc(String arch) {
    return arch.startsWith("arm") || arch.startsWith("aarch64") || arch.startsWith("ppc");
  }

  private static Path nativeDir() {
    String dir = System.getProperty("lhsm.native.dir");
    Assumptions.assumeTrue(dir != null, "system property lhsm.native.dir is not set");
    return Path.of(dir);
  }

  private static ExpectedTable table() throws IOException {
    String p = System.getProperty("lhsm.abi.expected");
    Path file =
        p != null
            ? Path.of(p)
            : nativeDir().resolve("../../test/abi_expected.txt").toAbsolutePath().normalize();
    assertThat(file).as("the expected ABI table").isRegularFile();
    return ExpectedTable.load(file);
  }

  static CValues probe(Path library) {
    NativeLibrary lib = NativeLibrary.getInstance(library.toAbsolutePath().toString());
    Function f = lib.getFunction("lhsm_abi_probe");
    return parseProbe(library.toString(), f.invokeString(new Object[0], false));
  }

  static CValues parseProbe(String label, String text) {
    Map<String, Long> values = new TreeMap<>();
    Set<String> absent = new TreeSet<>();
    Map<String, Long> meta = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      int eq = line.indexOf('=');
      assertThat(eq).as("probe line '%s' has key=value form", line).isPositive();
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1).strip();
      if (key.startsWith("probe.")) {
        meta.put(key, Long.parseLong(value));
      } else if (value.equals("absent")) {
        absent.add(key);
      } else {
        values.put(key, Long.parseLong(value));
      }
    }
    assertThat(meta)
        .as("%s says which Lustre version its headers are", label)
        .containsKeys("probe.lustre_major", "probe.lustre_minor", "probe.lustre_patch");
    String version =
        meta.get("probe.lustre_major")
            + "."
            + meta.get("probe.lustre_minor")
            + "."
            + meta.get("probe.lustre_patch");
    String kind = meta.getOrDefault("probe.real_headers", 0L) == 1 ? "real" : "our";
    return new CValues(
        kind + " " + version + " headers (" + label + ")",
        meta.get("probe.lustre_major").intValue(),
        meta.get("probe.lustre_minor").intValue(),
        values,
        absent);
  }

  /** Where {@code probe} and the table at its version differ: both must say the same. */
  static Map<String, String> probeVersusTable(CValues probe, ExpectedTable table) {
    CValues want = table.at(probe.major(), probe.minor());
    Map<String, String> differences = new TreeMap<>();
    Set<String> keys = want.keys();
    keys.addAll(probe.keys());
    for (String key : keys) {
      if (!want.show(key).equals(probe.show(key))) {
        differences.put(key, "table " + want.show(key) + ", probe " + probe.show(key));
      }
    }
    return differences;
  }

  /** Where Java's values disagree with the C values {@code c}, by equality or by the key's rule. */
  static Map<String, String> javaVersusC(CValues c) {
    Map<String, String> problems = new TreeMap<>();
    AbiLayout.expected()
        .forEach(
            (key, java) -> {
              VersionSpecific vs = AbiLayout.versionSpecific().get(key);
              Long cv = c.values().get(key);
              String was = "java " + java + ", C " + c.show(key);
              if (vs == null) {
                if (!java.equals(cv)) {
                  problems.put(key, was);
                }
                return;
              }
              switch (vs.rule()) {
                case SINCE -> {
                  if (!c.reports(key) || (cv != null && !cv.equals(java))) {
                    problems.put(key, was + " (" + vs.rule() + ")");
                  }
                }
                case NEWEST_SUPERSET -> {
                  if (cv == null || (java & cv) != cv) {
                    problems.put(key, was + " (" + vs.rule() + ")");
                  }
                }
                case FLAG_PAIR_OF_EVERY_VERSION -> {
                  Long pair = c.values().get("const.O_LOV_DELAY_CREATE_MASK");
                  Long flag = pair != null ? pair : cv;
                  if (!java.equals(flag)) {
                    problems.put(
                        key,
                        was
                            + ", O_LOV_DELAY_CREATE_MASK "
                            + c.show("const.O_LOV_DELAY_CREATE_MASK")
                            + " ("
                            + vs.rule()
                            + ")");
                  }
                }
              }
            });
    for (String key : c.keys()) {
      if (!AbiLayout.expected().containsKey(key) && !AbiLayout.probeOnly().containsKey(key)) {
        problems.put(key, "C " + c.show(key) + ", not mirrored by Java");
      }
    }
    return problems;
  }

  @Test
  void expectedTableIsWellFormed() throws IOException {
    assertThat(table().lint()).as("abi_expected.txt").isEmpty();
  }

  @Test
  void javaAgreesWithTheExpectedTableInEverySupportedVersion() throws IOException {
    ExpectedTable table = table();
    Map<String, String> problems = new TreeMap<>();
    List<CValues> perVersion = new ArrayList<>();
    for (int[] v : table.versionNumbers()) {
      CValues c = table.at(v[0], v[1]);
      perVersion.add(c);
      javaVersusC(c).forEach((k, p) -> problems.put(v[0] + "." + v[1] + " " + k, p));
    }
    assertThat(problems).as("Java values that a Lustre version contradicts").isEmpty();

    // every rule is for a name that does differ, and holds the newest value as it should
    CValues newest = perVersion.get(perVersion.size() - 1);
    AbiLayout.versionSpecific()
        .forEach(
            (key, vs) -> {
              assertThat(perVersion.stream().map(c -> c.show(key)).distinct().count())
                  .as("%s is version-specific, so its C value must differ between versions", key)
                  .isGreaterThan(1);
              assertThat(vs.why()).as("why %s is handled so", key).isNotBlank();
              if (vs.rule() != AbiLayout.VersionRule.FLAG_PAIR_OF_EVERY_VERSION) {
                assertThat(newest.values().get(key))
                    .as("%s in the newest version (%s)", key, vs.rule())
                    .isEqualTo(AbiLayout.expected().get(key));
              }
            });
    assertThat(AbiLayout.probeOnly().keySet())
        .as("probe-only keys are in the table")
        .allSatisfy(k -> assertThat(table.lines).containsKey(k));
  }

  @Test
  void projectHeaderProbeMatchesTheTableAndJava() throws IOException {
    Path lib = nativeDir().resolve("liblhsmprobe.so");
    Assumptions.assumeTrue(
        Files.isRegularFile(lib),
        "ABI probe " + lib + " not built (run the native module build first)");
    CValues probe = probe(lib);
    assertThat(probe.values()).as("probe output").isNotEmpty();
    assertThat(probeVersusTable(probe, table())).as("%s versus abi_expected.txt", probe).isEmpty();
    assertThat(javaVersusC(probe)).as("Java versus %s", probe.label()).isEmpty();
  }

  /** One test per real-header probe: each one runs, none is skipped for its version. */
  @TestFactory
  Stream<DynamicTest> realHeaderProbesMatchTheTableAndJava() throws IOException {
    List<Path> probes = new ArrayList<>();
    String listed = System.getProperty(REAL_PROBES, "").strip();
    if (!listed.isEmpty()) {
      for (String p : listed.split(",")) {
        probes.add(Path.of(p.strip()));
      }
    }
    String dir = System.getProperty("lhsm.native.dir");
    if (dir != null && Files.isRegularFile(Path.of(dir, "liblhsmprobe-real.so"))) {
      probes.add(Path.of(dir, "liblhsmprobe-real.so"));
    }
    boolean required = Boolean.getBoolean(REQUIRE_REAL) || !listed.isEmpty();
    if (probes.isEmpty()) {
      return Stream.of(
          DynamicTest.dynamicTest(
              "no real-header probe",
              () -> {
                assertThat(required)
                    .as("-D%s=true but no real-header probe was built", REQUIRE_REAL)
                    .isFalse();
                Assumptions.abort(
                    "no real-header probe: no <lustre/lustreapi.h> here (make probe-real, or"
                        + " native/probe/check-lustre-headers.sh)");
              }));
    }
    ExpectedTable table = table();
    return probes.stream()
        .map(
            lib ->
                DynamicTest.dynamicTest(
                    lib.toString(),
                    () -> {
                      assertThat(lib).as("real-header probe").isRegularFile();
                      CValues probe = probe(lib);
                      assertThat(probe.label()).as("probe of real headers").startsWith("real ");
                      assertThat(probeVersusTable(probe, table))
                          .as("%s versus abi_expected.txt", probe.label())
                          .isEmpty();
                      assertThat(javaVersusC(probe)).as("Java versus %s", probe.label()).isEmpty();
                    }));
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
    assertThat(AbiLayout.versionSpecific().keySet()).isSubsetOf(e.keySet());
  }

  /**
   * Values other classes keep as their own literals, tied here to the probe-checked ones: the
   * action list version, the FID classes and the mask Java names every state flag with.
   */
  @Test
  void literalsElsewhereAgreeWithTheCheckedValues() {
    assertThat(HsmActionList.VERSION).isEqualTo(AbiLayout.HAL_VERSION);
    assertThat(Fid.ROOT.seq()).isEqualTo(AbiLayout.FID_SEQ_ROOT);
    assertThat(Fid.ROOT.isFileFid()).isFalse();
    assertThat(new Fid(AbiLayout.FID_SEQ_NORMAL, 1, 0).isFileFid()).isTrue();
    assertThat(new Fid(AbiLayout.FID_SEQ_NORMAL - 1, 1, 0).isFileFid()).isFalse();
    assertThat(new Fid(AbiLayout.FID_SEQ_IGIF, 1, 0).isFileFid()).isTrue();
    assertThat(new Fid(AbiLayout.FID_SEQ_IGIF - 1, 1, 0).isFileFid()).isFalse();
    assertThat(new Fid(AbiLayout.FID_SEQ_IGIF_MAX, 1, 0).isFileFid()).isTrue();
    assertThat(new Fid(AbiLayout.FID_SEQ_IGIF_MAX + 1, 1, 0).isFileFid()).isFalse();
    assertThat(HsmState.toMask(Set.of(HsmState.values())))
        .as("every state flag Java knows is in HSM_FLAGS_MASK (newest)")
        .isEqualTo(AbiLayout.expected().get("const.HSM_FLAGS_MASK"));
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

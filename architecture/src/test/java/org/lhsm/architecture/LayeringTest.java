package org.lhsm.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.lhsm.architecture.fixtures.Violations;
import org.lhsm.bench.fixture.ReachesEmulatorInsides;
import org.lhsm.bindings.raw.RawUsesTheSafeApi;

/** Every module's main code keeps the layers; each rule fails on a fixture that breaks it. */
class LayeringTest {
  private static final List<ArchRule> RULES = Layers.ALL;
  private static JavaClasses product;

  @BeforeAll
  static void importProduct() {
    product = Layers.productClasses();
  }

  @Test
  void theImportHoldsEveryModulesMainCodeAndNoTests() {
    for (String c :
        List.of(
            "org.lhsm.bindings.raw.LibLustreApi",
            "org.lhsm.bindings.internal.Errors",
            "org.lhsm.copytool.cli.Main",
            "org.lhsm.agentctl.AgentCtl",
            "org.lhsm.bench.BenchMain",
            "org.lhsm.json.Json")) {
      assertThat(product.contain(c)).as(c).isTrue();
    }
    assertThat(product.contain(Violations.UsesJna.class)).isFalse();
  }

  @ParameterizedTest
  @FieldSource("RULES")
  void theProductKeepsTheRule(ArchRule rule) {
    rule.check(product);
  }

  /** Each rule flags its own fixture, naming what it reached for, and no other fixture. */
  @Test
  void eachRuleFailsOnItsViolationOnly() {
    JavaClasses fixtures =
        new ClassFileImporter()
            .importClasses(
                Violations.UsesJna.class,
                Violations.UsesBindingsInternals.class,
                Violations.UsesEmulator.class,
                ReachesEmulatorInsides.class,
                RawUsesTheSafeApi.class);
    Map<ArchRule, List<String>> own =
        Map.of(
            Layers.JNA_ONLY_IN_BINDINGS,
            List.of(Violations.UsesJna.class.getName(), "com.sun.jna.Pointer"),
            Layers.BINDINGS_RAW_AND_INTERNAL_STAY_IN_BINDINGS,
            List.of(
                Violations.UsesBindingsInternals.class.getName(),
                "org.lhsm.bindings.internal.NativeAccess"),
            Layers.PRODUCT_NEVER_LINKS_THE_EMULATOR,
            List.of(Violations.UsesEmulator.class.getName(), "org.lhsm.emulator.cli.EmulatorMain"),
            Layers.BENCH_REACHES_THE_EMULATOR_ONLY_THROUGH_THE_TEST_KIT,
            List.of(ReachesEmulatorInsides.class.getName(), "org.lhsm.emulator.cli.EmulatorMain"),
            Layers.RAW_DEPENDS_ON_NOTHING_ELSE_OF_OURS,
            List.of(RawUsesTheSafeApi.class.getName(), "org.lhsm.bindings.Fid"));
    assertThat(own.keySet()).containsExactlyInAnyOrderElementsOf(RULES);
    for (ArchRule rule : RULES) {
      String fixture = own.get(rule).get(0);
      String target = own.get(rule).get(1);
      assertThat(rule.evaluate(fixtures).getFailureReport().getDetails())
          .as(rule.getDescription())
          .isNotEmpty()
          .allMatch(d -> d.contains(fixture + "."))
          .anyMatch(d -> d.contains(target));
    }
  }
}

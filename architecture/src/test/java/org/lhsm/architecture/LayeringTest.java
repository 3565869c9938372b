package org.lhsm.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lhsm.architecture.fixtures.UsesBindingsInternals;
import org.lhsm.architecture.fixtures.UsesEmulator;
import org.lhsm.architecture.fixtures.UsesJna;
import org.lhsm.bindings.raw.RawUsesTheSafeApi;

/** Every module's main code keeps the layers; each rule fails on a fixture that breaks it. */
class LayeringTest {
  private static JavaClasses product;

  @BeforeAll
  static void importProduct() {
    product = Layers.productClasses();
  }

  @Test
  void theImportHoldsEveryModulesMainCodeAndNoTests() {
    assertThat(product.contain("org.lhsm.bindings.raw.LibLustreApi")).isTrue();
    assertThat(product.contain("org.lhsm.bindings.internal.Errors")).isTrue();
    assertThat(product.contain("org.lhsm.copytool.cli.Main")).isTrue();
    assertThat(product.contain("org.lhsm.agentctl.AgentCtl")).isTrue();
    assertThat(product.contain("org.lhsm.bench.BenchMain")).isTrue();
    assertThat(product.contain("org.lhsm.json.Json")).isTrue();
    assertThat(product.contain(UsesJna.class)).isFalse();
  }

  @Test
  void jnaOnlyInBindings() {
    Layers.JNA_ONLY_IN_BINDINGS.check(product);
  }

  @Test
  void rawAndInternalOnlyInBindings() {
    Layers.BINDINGS_RAW_AND_INTERNAL_STAY_IN_BINDINGS.check(product);
  }

  @Test
  void productCodeNeverLinksTheEmulator() {
    Layers.PRODUCT_NEVER_LINKS_THE_EMULATOR.check(product);
  }

  @Test
  void rawDependsOnNothingElseOfOurs() {
    Layers.RAW_DEPENDS_ON_NOTHING_ELSE_OF_OURS.check(product);
  }

  @Test
  void eachRuleFailsOnItsViolation() {
    assertViolates(Layers.JNA_ONLY_IN_BINDINGS, UsesJna.class, "com.sun.jna.Pointer");
    assertViolates(
        Layers.BINDINGS_RAW_AND_INTERNAL_STAY_IN_BINDINGS,
        UsesBindingsInternals.class,
        "org.lhsm.bindings.internal.NativeAccess");
    assertViolates(
        Layers.PRODUCT_NEVER_LINKS_THE_EMULATOR,
        UsesEmulator.class,
        "org.lhsm.emulator.cli.EmulatorMain");
    assertViolates(
        Layers.RAW_DEPENDS_ON_NOTHING_ELSE_OF_OURS,
        RawUsesTheSafeApi.class,
        "org.lhsm.bindings.Fid");
  }

  @Test
  void eachFixtureBreaksOnlyItsOwnRule() {
    JavaClasses fixtures =
        new ClassFileImporter()
            .importClasses(
                UsesJna.class,
                UsesBindingsInternals.class,
                UsesEmulator.class,
                RawUsesTheSafeApi.class);
    Map<ArchRule, Class<?>> own =
        Map.of(
            Layers.JNA_ONLY_IN_BINDINGS, UsesJna.class,
            Layers.BINDINGS_RAW_AND_INTERNAL_STAY_IN_BINDINGS, UsesBindingsInternals.class,
            Layers.PRODUCT_NEVER_LINKS_THE_EMULATOR, UsesEmulator.class,
            Layers.RAW_DEPENDS_ON_NOTHING_ELSE_OF_OURS, RawUsesTheSafeApi.class);
    assertThat(own.keySet()).containsExactlyInAnyOrderElementsOf(Layers.ALL);
    for (ArchRule rule : Layers.ALL) {
      assertThat(rule.evaluate(fixtures).getFailureReport().getDetails())
          .as(rule.getDescription())
          .isNotEmpty()
          .allMatch(d -> d.contains(own.get(rule).getName() + "."));
    }
  }

  private static void assertViolates(ArchRule rule, Class<?> fixture, String target) {
    EvaluationResult r = rule.evaluate(new ClassFileImporter().importClasses(fixture));
    assertThat(r.hasViolation()).as(rule.getDescription()).isTrue();
    assertThat(r.getFailureReport().getDetails())
        .as(rule.getDescription())
        .anyMatch(d -> d.contains(fixture.getName()) && d.contains(target));
  }
}

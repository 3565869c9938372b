package org.lhsm.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The layers of CONTRIBUTING.md as rules: {@code org.lhsm.bindings.raw} (JNA, C names) → {@code
 * org.lhsm.bindings} (the safe API) → copytool, agentctl, bench; the emulator is a separate process
 * product code never links. A package is its module's: {@code org.lhsm.bindings..} is
 * java-bindings, {@code org.lhsm.emulator..} the emulator.
 */
final class Layers {
  static final String OURS = "org.lhsm..";
  static final String BINDINGS = "org.lhsm.bindings..";
  static final String RAW = "org.lhsm.bindings.raw..";
  static final String INTERNAL = "org.lhsm.bindings.internal..";
  static final String EMULATOR = "org.lhsm.emulator..";
  static final String TEST_KIT = "org.lhsm.emulator.testkit..";

  /** Measurements, never shipped: they start emulators through the test kit. */
  static final String BENCH = "org.lhsm.bench..";

  static final ArchRule JNA_ONLY_IN_BINDINGS =
      noClasses()
          .that()
          .resideInAPackage(OURS)
          .and()
          .resideOutsideOfPackage(BINDINGS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.sun.jna..")
          .because("only java-bindings imports com.sun.jna");

  static final ArchRule BINDINGS_RAW_AND_INTERNAL_STAY_IN_BINDINGS =
      noClasses()
          .that()
          .resideInAPackage(OURS)
          .and()
          .resideOutsideOfPackage(BINDINGS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(RAW, INTERNAL)
          .because("the raw mapping and the bindings' helpers are not API");

  static final ArchRule PRODUCT_NEVER_LINKS_THE_EMULATOR =
      noClasses()
          .that()
          .resideInAPackage(OURS)
          .and()
          .resideOutsideOfPackages(EMULATOR, BENCH)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(EMULATOR)
          .because("the emulator is selected only through LHSM_LIBLUSTREAPI, never linked");

  static final ArchRule BENCH_REACHES_THE_EMULATOR_ONLY_THROUGH_THE_TEST_KIT =
      noClasses()
          .that()
          .resideInAPackage(BENCH)
          .should()
          .dependOnClassesThat(resideInAPackage(EMULATOR).and(not(resideInAPackage(TEST_KIT))))
          .because("the bench starts emulators as processes, like the tests, never their insides");

  static final ArchRule RAW_DEPENDS_ON_NOTHING_ELSE_OF_OURS =
      noClasses()
          .that()
          .resideInAPackage(RAW)
          .should()
          .dependOnClassesThat(resideInAPackage(OURS).and(not(resideInAPackage(RAW))))
          .because("the raw layer is C names and signatures only, below the safe API");

  static final List<ArchRule> ALL =
      List.of(
          JNA_ONLY_IN_BINDINGS,
          BINDINGS_RAW_AND_INTERNAL_STAY_IN_BINDINGS,
          PRODUCT_NEVER_LINKS_THE_EMULATOR,
          BENCH_REACHES_THE_EMULATOR_ONLY_THROUGH_THE_TEST_KIT,
          RAW_DEPENDS_ON_NOTHING_ELSE_OF_OURS);

  private Layers() {}

  /** The main classes of every module on this module's test class path (no test classes). */
  static JavaClasses productClasses() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.lhsm");
  }
}

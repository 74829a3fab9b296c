package dev.tributary.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** How the operator's packages may depend on each other; checked on the compiled classes. */
@AnalyzeClasses(
    packages = "dev.tributary.operator",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** What should exist and what to do are pure functions: no client, no JOSDK, no I/O. */
  @ArchTest
  static final ArchRule theModelDependsOnDataAndTheJdkOnly =
      classes()
          .that()
          .resideInAPackage("..operator.model..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "..operator.model..",
              "..operator.connectapi.dto..",
              "dev.tributary.api..",
              "dev.tributary.contract..",
              "io.fabric8.kubernetes.api.model..",
              "com.fasterxml.jackson..",
              "java.lang..",
              "java.util..",
              "java.time..",
              "java.nio.charset..",
              "java.security..",
              "java.net..",
              "java.math..",
              // ObjectName, to check a source backlog's MBean pattern; no MBeanServer is reached.
              "javax.management");

  @ArchTest
  static final ArchRule theModelMakesNoNetworkCalls =
      noClasses()
          .that()
          .resideInAPackage("..operator.model..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.net.http.HttpClient")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.net.URLConnection");

  /** The REST client knows Connect, not Kubernetes or the reconcilers. */
  @ArchTest
  static final ArchRule theConnectClientKnowsOnlyConnect =
      noClasses()
          .that()
          .resideInAPackage("..operator.connectapi..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.javaoperatorsdk..",
              "io.fabric8.kubernetes..",
              "..operator.model..",
              "..operator.kafkaconnect..",
              "..operator.kafkaconnector..");

  @ArchTest
  static final ArchRule theTwoControllersDoNotReachIntoEachOther =
      noClasses()
          .that()
          .resideInAPackage("..operator.kafkaconnect..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..operator.kafkaconnector..");

  @ArchTest
  static final ArchRule packagesFormNoCycles =
      slices().matching("dev.tributary.operator.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule nothingInTheOperatorKnowsTheSandbox =
      noClasses()
          .that()
          .resideInAPackage("dev.tributary.operator..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.tributary.sandbox..");
}

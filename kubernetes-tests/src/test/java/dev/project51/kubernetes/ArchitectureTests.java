package dev.project51.kubernetes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.project51.testsupport.architecture.ModuleRules;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Architecture rules of the Kubernetes test support: a small, dependency-free API that
 * other modules' tests can use.
 */
@AnalyzeClasses(packages = "dev.project51.kubernetes", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule testSupportNeedsOnlyTheJdkAndJUnit = noClasses().that()
		.resideInAPackage("dev.project51.kubernetes.testing..")
		.should()
		.dependOnClassesThat(
				resideInAPackage("dev.project51..").and(resideInAPackage("dev.project51.kubernetes..").negate())
					.or(resideInAPackage("com.fasterxml.."))
					.or(resideInAPackage("io.fabric8..")))
		.because("other modules' tests use it with nothing but JUnit on their class path");

	@ArchTest
	static final ArchRule noStandardStreams = noClasses().should()
		.accessField(System.class, "out")
		.orShould()
		.accessField(System.class, "err")
		.because("the test support logs through System.Logger");

	@ArchTest
	static final ArchRule noAccessToAnotherModulesInternals = ModuleRules.noAccessToOtherModulesInternals();

	@ArchTest
	static final ArchRule codingRules = ModuleRules.codingRules();

}

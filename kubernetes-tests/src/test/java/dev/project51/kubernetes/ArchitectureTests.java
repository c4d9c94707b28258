package dev.project51.kubernetes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

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
	static final ArchRule noAccessToAnotherModulesInternals = noClasses().should()
		.dependOnClassesThat(resideInAPackage("dev.project51..internal.."));

	@ArchTest
	static final ArchRule noGenericExceptions = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

	@ArchTest
	static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

}

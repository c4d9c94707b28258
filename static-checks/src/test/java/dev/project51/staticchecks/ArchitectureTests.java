package dev.project51.staticchecks;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.project51.testsupport.architecture.ModuleRules;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Architecture rules of the static checks (tests only): they use the other modules only
 * through their public API, keep CDKTF types out (the synthesized JSON is the contract),
 * and report through assertions, not the console.
 */
@AnalyzeClasses(packages = "dev.project51.staticchecks")
class ArchitectureTests {

	@ArchTest
	static final ArchRule noAccessToAnotherModulesInternals = ModuleRules.noAccessToOtherModulesInternals();

	@ArchTest
	static final ArchRule terraformOnlyThroughTheSynthesizedJson = noClasses().should()
		.dependOnClassesThat(resideInAPackage("com.hashicorp.."))
		.orShould()
		.dependOnClassesThat(resideInAPackage("software.constructs.."))
		.because("checkov reads the synthesized cdk.tf.json, the module's durable contract, not CDKTF objects");

	@ArchTest
	static final ArchRule noStandardStreams = noClasses().should()
		.accessField(System.class, "out")
		.orShould()
		.accessField(System.class, "err")
		.because("a tool's report goes into the failing assertion, where the test report shows it");

	@ArchTest
	static final ArchRule codingRules = ModuleRules.codingRules();

}

package dev.project51.examples.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The examples' command-line support needs the JDK, picocli and the client's public API,
 * nothing else.
 */
@AnalyzeClasses(packages = "dev.project51.examples.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule onlyTheJdkPicocliAndTheClientsPublicApi = classes().should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "dev.project51.examples.cli", "picocli..", "dev.project51.agent.client")
		.because("the URL check is the client's own, and the command line is read with picocli");

}

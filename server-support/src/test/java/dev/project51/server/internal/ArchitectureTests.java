package dev.project51.server.internal;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of server-support: every type internal, nothing from the starters it serves,
 * no auto-configuration of its own (the starters wire it), and no cycles between its
 * packages.
 */
@AnalyzeClasses(packages = "dev.project51.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule everything_is_internal = classes().should()
		.resideInAPackage("dev.project51.server.internal..")
		.because("server-support is not API: applications configure it through the starters' properties");

	@ArchTest
	static final ArchRule the_starters_are_not_used = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.project51.agent.server..", "dev.project51.frontend..")
		.because("the starters depend on server-support, not the other way round");

	@ArchTest
	static final ArchRule no_auto_configuration = noClasses().should()
		.beAnnotatedWith("org.springframework.boot.autoconfigure.AutoConfiguration")
		.orShould()
		.beAnnotatedWith("org.springframework.context.annotation.Configuration")
		.because("each starter decides what it registers, under its own properties");

	@ArchTest
	static final ArchRule packages_are_free_of_cycles = slices().matching("dev.project51.server.internal.(*)..")
		.should()
		.beFreeOfCycles();

}

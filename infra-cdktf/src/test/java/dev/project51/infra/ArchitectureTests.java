package dev.project51.infra;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.project51.testsupport.architecture.ModuleRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Architecture rules of the infrastructure module: CDKTF (archived upstream) stays behind
 * the constructs and stacks, so the settings and entry points other modules use are free
 * of it.
 */
@AnalyzeClasses(packages = "dev.project51.infra", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String[] CDKTF_PACKAGES = { "com.hashicorp..", "software.constructs..",
			"software.amazon.jsii.." };

	@ArchTest
	static final ArchRule packages_are_free_of_cycles = slices().matching("dev.project51.(**)")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule settings_know_nothing_of_cdktf = noClasses().that()
		.resideInAPackage("dev.project51.infra.settings..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(CDKTF_PACKAGES)
		.because("settings are the API the archetype and examples build, and CDKTF is archived upstream");

	@ArchTest
	static final ArchRule settings_depend_on_nothing_else_of_the_module = noClasses().that()
		.resideInAPackage("dev.project51.infra.settings..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.project51.infra", "dev.project51.infra.host..", "dev.project51.infra.cluster..",
				"dev.project51.infra.cli..");

	@ArchTest
	static final ArchRule the_command_line_knows_nothing_of_cdktf = noClasses().that()
		.resideInAPackage("dev.project51.infra.cli..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(CDKTF_PACKAGES);

	@ArchTest
	static final ArchRule picocli_only_reads_the_command_line = ModuleRules
		.picocliOnlyReadsTheCommandLine("dev\\.project51\\.infra\\.cli\\.(Options|CommandLineErrors)(\\$.*)?");

	@ArchTest
	static final ArchRule host_and_cluster_are_independent = noClasses().that()
		.resideInAPackage("dev.project51.infra.host..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.project51.infra.cluster..")
		.andShould()
		.dependOnClassesThat()
		.resideInAPackage("dev.project51.infra.cli..");

	@ArchTest
	static final ArchRule cluster_does_not_depend_on_host = noClasses().that()
		.resideInAPackage("dev.project51.infra.cluster..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.project51.infra.host..", "dev.project51.infra.cli..");

	@ArchTest
	static final ArchRule the_synthesizer_api_is_free_of_cdktf_types = codeUnits().that()
		.areDeclaredInClassesThat()
		.resideInAPackage("dev.project51.infra")
		.and()
		.arePublic()
		.should(ModuleRules.notExpose("CDKTF types",
				(type) -> type.getName().startsWith("com.hashicorp.")
						|| type.getName().startsWith("software.constructs.")
						|| type.getName().startsWith("software.amazon.jsii.")));

	@ArchTest
	static final ArchRule only_the_command_line_writes_to_the_console = ModuleRules
		.onlyTheCommandLineWritesToTheConsole("dev.project51.infra.cli..");

	@ArchTest
	static final ArchRule coding_rules = ModuleRules.codingRules();

	@ArchTest
	static final ArchRule no_access_to_other_modules_internals = ModuleRules
		.noAccessToOtherModulesInternals("dev.project51.infra..");

	@ArchTest
	static final ArchRule public_classes_are_final_or_constructs = classes().that()
		.resideInAnyPackage("dev.project51.infra", "dev.project51.infra.cli")
		.and()
		.arePublic()
		.and()
		.areNotRecords()
		.should()
		.haveModifier(JavaModifier.FINAL);

	/**
	 * The module's API: public types live in these packages or in an {@code internal}
	 * one; japicmp keeps them compatible between releases.
	 */
	@ArchTest
	static final ArchRule publicTypesAreInExportedOrInternalPackages = ModuleRules.publicTypesResideIn(
			"dev.project51.infra", "dev.project51.infra.cli", "dev.project51.infra.cluster", "dev.project51.infra.host",
			"dev.project51.infra.settings");

	@ArchTest
	static final ArchRule theApiDoesNotExposeInternalTypes = ModuleRules.theApiDoesNotExposeInternalTypes();

}

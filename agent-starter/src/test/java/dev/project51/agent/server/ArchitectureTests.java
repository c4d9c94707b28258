package dev.project51.agent.server;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.project51.testsupport.architecture.ModuleRules;

import org.springframework.boot.autoconfigure.AutoConfiguration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Architecture of the agent starter.
 */
@AnalyzeClasses(packages = "dev.project51.agent.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule feature_packages_are_free_of_cycles = slices().matching("dev.project51.agent.server.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule no_other_module_internals_are_used = ModuleRules
		.noAccessToOtherModulesInternals("dev.project51.agent.server..", "dev.project51.server.internal..");

	/**
	 * The API of the starter: public types live in these packages, everything else in an
	 * {@code internal} package or package-private. japicmp keeps these compatible from
	 * one release to the next; docs/agent.md lists them.
	 */
	@ArchTest
	static final ArchRule public_types_are_in_exported_or_internal_packages = ModuleRules.publicTypesResideIn(
			"dev.project51.agent.server.autoconfigure", "dev.project51.agent.server.chat",
			"dev.project51.agent.server.failover", "dev.project51.agent.server.knowledge",
			"dev.project51.agent.server.local", "dev.project51.agent.server.memory",
			"dev.project51.agent.server.tools");

	@ArchTest
	static final ArchRule the_api_does_not_expose_internal_types = ModuleRules.theApiDoesNotExposeInternalTypes();

	@ArchTest
	static final ArchRule only_autoconfigure_wires_features_together = noClasses().that()
		.resideOutsideOfPackage("..autoconfigure..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..server.autoconfigure..")
		.because("features do not know how they are configured");

	@ArchTest
	static final ArchRule failover_knows_nothing_of_the_web_memory_or_local_model = noClasses().that()
		.resideInAPackage("..server.failover..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..server.chat..", "..server.openai..", "..server.memory..", "..server.local..",
				"org.springframework.web..", "jakarta.servlet..")
		.because("the failover chain is a plain LangChain4j model usable anywhere");

	@ArchTest
	static final ArchRule the_local_model_needs_no_spring = noClasses().that()
		.resideInAPackage("..server.local..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework..");

	@ArchTest
	static final ArchRule auto_configurations_are_public_final = classes().that()
		.areAnnotatedWith(AutoConfiguration.class)
		.should()
		.bePublic()
		.andShould()
		.haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL);

	@ArchTest
	static final ArchRule every_bean_backs_off = ModuleRules.everyBeanBacksOff("agent");

	@ArchTest
	static final ArchRule coding_rules = ModuleRules.codingRulesWithoutConsole();

}

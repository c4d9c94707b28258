package dev.project51.k8s;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.project51.testsupport.architecture.ModuleRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Architecture rules of the k8s templates module.
 */
@AnalyzeClasses(packages = "dev.project51.k8s", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.project51.k8s.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule noAccessToAnotherModulesInternals = ModuleRules
		.noAccessToOtherModulesInternals("dev.project51.k8s.internal..");

	@ArchTest
	static final ArchRule onlyTheCommandLineWritesToStandardStreams = ModuleRules
		.onlyTheCommandLineWritesToTheConsole("dev.project51.k8s.cli..");

	@ArchTest
	static final ArchRule picocliOnlyReadsTheCommandLine = ModuleRules
		.picocliOnlyReadsTheCommandLine("dev\\.project51\\.k8s\\.cli\\.(Options|CommandLineErrors)(\\$.*)?");

	@ArchTest
	static final ArchRule libraryPackagesDoNotDependOnTheCommandLine = noClasses().that()
		.resideOutsideOfPackage("dev.project51.k8s.cli..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.project51.k8s.cli..");

	@ArchTest
	static final ArchRule manifestBuildersDoNotDependOnDeliveryOrChecker = noClasses().that()
		.resideInAPackage("dev.project51.k8s.manifest..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.project51.k8s.delivery..", "dev.project51.k8s.check..", "freemarker..");

	@ArchTest
	static final ArchRule checkerDoesNotDependOnDeliveryOrTemplates = noClasses().that()
		.resideInAPackage("dev.project51.k8s.check..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.project51.k8s.delivery..", "freemarker..");

	@ArchTest
	static final ArchRule codingRules = ModuleRules.codingRules();

	/**
	 * The module's API: public types live in these packages or in an {@code internal}
	 * one; japicmp keeps them compatible between releases.
	 */
	@ArchTest
	static final ArchRule publicTypesAreInExportedOrInternalPackages = ModuleRules.publicTypesResideIn(
			"dev.project51.k8s", "dev.project51.k8s.check", "dev.project51.k8s.cli", "dev.project51.k8s.delivery",
			"dev.project51.k8s.manifest");

	@ArchTest
	static final ArchRule theApiDoesNotExposeInternalTypes = ModuleRules.theApiDoesNotExposeInternalTypes();

}

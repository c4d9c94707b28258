package dev.project51.reliability;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The suite is black-box: it reaches the applications over HTTP or through a container
 * engine, never through their classes, and each scenario stands alone on the shared
 * support.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
		.importPackages("dev.project51.reliability");

	@Test
	void scenariosDoNotDependOnEachOther() {
		slices().matching("dev.project51.reliability.(*)..")
			.should()
			.notDependOnEachOther()
			.ignoreDependency(alwaysTrue(), resideInAPackage("dev.project51.reliability.deployment"))
			.check(CLASSES);
	}

	@Test
	void applicationsAreReachedOnlyOverTheWire() {
		noClasses().should()
			.dependOnClassesThat(resideInAnyPackage("dev.project51.agent.server..", "dev.project51.frontend..",
					"org.springframework..")
				.and(not(resideInAPackage("dev.project51.agent.server.testsupport"))))
			.as("no class of the applications under test is used")
			.check(CLASSES);
	}

}

package dev.project51.frontend;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.project51.testsupport.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Architecture rules of the frontend starter.
 */
class ArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.project51.frontend");

	@Test
	void featurePackagesAreFreeOfCycles() {
		slices().matching("dev.project51.frontend.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void featuresDoNotKnowHowTheyAreConfigured() {
		noClasses().that()
			.resideOutsideOfPackage("..autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.project51.frontend.autoconfigure..")
			.check(classes);
	}

	@Test
	void securityStandsAlone() {
		noClasses().that()
			.resideInAPackage("..frontend.security..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..frontend.chat..", "..frontend.status..", "dev.project51.agent.client..",
					"dev.project51.agent.server..")
			.check(classes);
	}

	/**
	 * The API of the starter: public types live in these packages, everything else in an
	 * {@code internal} package or package-private (docs/frontend.md lists them).
	 */
	@Test
	void publicTypesAreInExportedOrInternalPackages() {
		ModuleRules.publicTypesResideIn("dev.project51.frontend.autoconfigure", "dev.project51.frontend.status")
			.check(classes);
	}

	@Test
	void theApiDoesNotExposeInternalTypes() {
		ModuleRules.theApiDoesNotExposeInternalTypes().check(classes);
	}

	@Test
	void noAccessToInternalsOfOtherModules() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.project51.agent.client.internal..", "dev.project51.agent.server..",
					"dev.project51.agent.contract.internal..")
			.check(classes);
	}

	@Test
	void autoConfigurationsArePublicFinalWithoutPublicMembers() {
		ArchRule rule = classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.andShould()
			.haveSimpleNameEndingWith("AutoConfiguration");
		rule.check(classes);
		members().that()
			.areDeclaredInClassesThat()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.notBePublic()
			.check(classes);
	}

	@Test
	void everyBeanBacksOff() {
		ModuleRules.everyBeanBacksOff("frontend").check(classes);
	}

	@Test
	void beanMethodsAreNotConditionalOnClass() {
		methods().that()
			.areAnnotatedWith(Bean.class)
			.should()
			.notBeAnnotatedWith(ConditionalOnClass.class)
			.because("a missing class would fail while the method's signature is read; use a nested configuration")
			.check(classes);
	}

	@Test
	void lowerCaseAlwaysNamesALocale() {
		noClasses().should()
			.callMethodWhere(DescribedPredicate.describe("String.toLowerCase() or toUpperCase() without a Locale",
					(JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(String.class)
							&& (call.getName().equals("toLowerCase") || call.getName().equals("toUpperCase"))
							&& call.getTarget().getRawParameterTypes().isEmpty()))
			.check(classes);
	}

	@Test
	void generalCodingRules() {
		ModuleRules.codingRulesWithoutConsole().check(classes);
	}

}

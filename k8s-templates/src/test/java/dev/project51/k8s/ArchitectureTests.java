package dev.project51.k8s;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
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
	static final ArchRule noAccessToAnotherModulesInternals = noClasses().that()
		.resideInAPackage("dev.project51.k8s..")
		.should()
		.dependOnClassesThat(resideInAPackage("dev.project51..internal..")
			.and(resideOutsideOfPackage("dev.project51.k8s.internal..")))
		.because("another module's internals are not API");

	@ArchTest
	static final ArchRule onlyTheCommandLineWritesToStandardStreams = noClasses().that()
		.resideOutsideOfPackage("dev.project51.k8s.cli..")
		.should()
		.accessField(System.class, "out")
		.orShould()
		.accessField(System.class, "err")
		.because("library code logs through SLF4J; only the command line prints");

	/** The classes that read the command line, nested ones included. */
	private static final String COMMAND_LINE = "dev\\.project51\\.k8s\\.cli\\.(Options|CommandLineErrors)(\\$.*)?";

	@ArchTest
	static final ArchRule picocliOnlyReadsTheCommandLine = noClasses().that()
		.haveNameNotMatching(COMMAND_LINE)
		.should()
		.dependOnClassesThat()
		.resideInAPackage("picocli..")
		.because("the command line is read with picocli, and nothing else of the module needs it");

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
	static final ArchRule noGenericExceptions = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

	@ArchTest
	static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

	/**
	 * The module's API: public types live in these packages or in an {@code internal}
	 * one; japicmp keeps them compatible between releases.
	 */
	@ArchTest
	static final ArchRule publicTypesAreInExportedOrInternalPackages = classes().that()
		.arePublic()
		.and()
		.areTopLevelClasses()
		.and()
		.resideOutsideOfPackage("..internal..")
		.should()
		.resideInAnyPackage("dev.project51.k8s", "dev.project51.k8s.check", "dev.project51.k8s.cli",
				"dev.project51.k8s.delivery", "dev.project51.k8s.manifest");

	@ArchTest
	static final ArchRule theApiDoesNotExposeInternalTypes = codeUnits().that()
		.areDeclaredInClassesThat()
		.arePublic()
		.and()
		.areDeclaredInClassesThat()
		.resideOutsideOfPackage("..internal..")
		.and()
		.arePublic()
		.should(notExposeInternalTypes());

	private static ArchCondition<JavaCodeUnit> notExposeInternalTypes() {
		return new ArchCondition<>("not expose internal types in their signatures") {
			@Override
			public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
				List<JavaClass> types = new ArrayList<>(codeUnit.getRawParameterTypes());
				types.add(codeUnit.getRawReturnType());
				for (JavaClass type : types) {
					if (type.getPackageName().contains(".internal")) {
						events.add(SimpleConditionEvent.violated(codeUnit,
								codeUnit.getFullName() + " exposes " + type.getName()));
					}
				}
			}
		};
	}

}

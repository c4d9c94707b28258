package dev.project51.infra;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
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

	/** The classes that read the command line, nested ones included. */
	private static final String COMMAND_LINE = "dev\\.project51\\.infra\\.cli\\.(Options|CommandLineErrors)(\\$.*)?";

	@ArchTest
	static final ArchRule picocli_only_reads_the_command_line = noClasses().that()
		.haveNameNotMatching(COMMAND_LINE)
		.should()
		.dependOnClassesThat()
		.resideInAPackage("picocli..")
		.because("the command line is read with picocli, and nothing else of the module needs it");

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
		.should(notExposeCdktfTypes());

	@ArchTest
	static final ArchRule only_the_command_line_writes_to_the_console = noClasses().that()
		.resideOutsideOfPackage("dev.project51.infra.cli..")
		.should()
		.accessField(System.class, "out")
		.orShould()
		.accessField(System.class, "err")
		.orShould()
		.callMethod(System.class, "exit", int.class);

	@ArchTest
	static final ArchRule no_generic_exceptions = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

	@ArchTest
	static final ArchRule no_java_util_logging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

	@ArchTest
	static final ArchRule no_access_to_other_modules_internals = noClasses().should()
		.dependOnClassesThat(new DescribedPredicate<JavaClass>("in another Project51 module's internal package") {
			@Override
			public boolean test(JavaClass type) {
				return type.getPackageName().startsWith("dev.project51.")
						&& !type.getPackageName().startsWith("dev.project51.infra")
						&& type.getPackageName().contains(".internal");
			}
		});

	@ArchTest
	static final ArchRule public_classes_are_final_or_constructs = classes().that()
		.resideInAnyPackage("dev.project51.infra", "dev.project51.infra.cli")
		.and()
		.arePublic()
		.and()
		.areNotRecords()
		.should()
		.haveModifier(JavaModifier.FINAL);

	private static ArchCondition<JavaCodeUnit> notExposeCdktfTypes() {
		return new ArchCondition<>("not expose CDKTF types in signatures") {
			@Override
			public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
				List<JavaClass> types = new ArrayList<>(codeUnit.getRawParameterTypes());
				types.add(codeUnit.getRawReturnType());
				for (JavaClass type : types) {
					String name = type.getName();
					if (name.startsWith("com.hashicorp.") || name.startsWith("software.constructs.")
							|| name.startsWith("software.amazon.jsii.")) {
						events
							.add(SimpleConditionEvent.violated(codeUnit, codeUnit.getFullName() + " exposes " + name));
					}
				}
			}
		};
	}

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
		.resideInAnyPackage("dev.project51.infra", "dev.project51.infra.cli", "dev.project51.infra.cluster",
				"dev.project51.infra.host", "dev.project51.infra.settings");

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

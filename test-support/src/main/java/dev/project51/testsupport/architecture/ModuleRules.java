package dev.project51.testsupport.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

/**
 * The architecture rules that the modules of Project51 share, for each module's
 * {@code ArchitectureTests} to declare beside its own:
 * {@code @ArchTest static final ArchRule coding_rules = ModuleRules.codingRules();}.
 */
public final class ModuleRules {

	private ModuleRules() {
	}

	/**
	 * The general coding rules: no generic exceptions, no {@code java.util.logging}, no
	 * field injection.
	 * @return the rule
	 */
	public static ArchRule codingRules() {
		return CompositeArchRule.of(NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS)
			.and(NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING)
			.and(NO_CLASSES_SHOULD_USE_FIELD_INJECTION);
	}

	/**
	 * The {@link #codingRules() general coding rules} and no standard streams either: for
	 * a module that only logs.
	 * @return the rule
	 */
	public static ArchRule codingRulesWithoutConsole() {
		return CompositeArchRule.of(codingRules()).and(NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS);
	}

	/**
	 * A module's API: its public top-level types live in the given packages or in an
	 * {@code internal} one (japicmp keeps the API compatible between releases).
	 * @param exportedPackages the packages of the API
	 * @return the rule
	 */
	public static ArchRule publicTypesResideIn(String... exportedPackages) {
		return classes().that()
			.arePublic()
			.and()
			.areTopLevelClasses()
			.and()
			.resideOutsideOfPackage("..internal..")
			.should()
			.resideInAnyPackage(exportedPackages);
	}

	/**
	 * No public method or constructor of a public type outside {@code internal} packages
	 * takes or returns an {@code internal} type.
	 * @return the rule
	 */
	public static ArchRule theApiDoesNotExposeInternalTypes() {
		return codeUnits().that()
			.areDeclaredInClassesThat()
			.arePublic()
			.and()
			.areDeclaredInClassesThat()
			.resideOutsideOfPackage("..internal..")
			.and()
			.arePublic()
			.should(notExpose("internal types", (type) -> type.getPackageName().contains(".internal")));
	}

	/**
	 * No class uses the {@code internal} package of another Project51 module.
	 * @param ownPackages the module's own packages (ArchUnit package identifiers such as
	 * {@code "dev.project51.k8s.."}) whose {@code internal} types it may use
	 * @return the rule
	 */
	public static ArchRule noAccessToOtherModulesInternals(String... ownPackages) {
		DescribedPredicate<JavaClass> internal = resideInAPackage("dev.project51..internal..");
		DescribedPredicate<JavaClass> othersInternal = (ownPackages.length == 0) ? internal
				: internal.and(not(resideInAnyPackage(ownPackages)));
		return noClasses().should()
			.dependOnClassesThat(othersInternal.as("in another Project51 module's internal package"))
			.because("a module may only use the public API of another");
	}

	/**
	 * Only the command line writes to the console or exits the JVM; the library logs.
	 * @param commandLinePackage the package identifier of the command line, such as
	 * {@code "dev.project51.k8s.cli.."}
	 * @return the rule
	 */
	public static ArchRule onlyTheCommandLineWritesToTheConsole(String commandLinePackage) {
		return noClasses().that()
			.resideOutsideOfPackage(commandLinePackage)
			.should()
			.accessField(System.class, "out")
			.orShould()
			.accessField(System.class, "err")
			.orShould()
			.callMethod(System.class, "exit", int.class)
			.because("library code logs; only the command line prints");
	}

	/**
	 * Only the classes that read the command line use picocli.
	 * @param commandLineClasses a regular expression matching the fully qualified names
	 * of those classes, nested ones included
	 * @return the rule
	 */
	public static ArchRule picocliOnlyReadsTheCommandLine(String commandLineClasses) {
		return noClasses().that()
			.haveNameNotMatching(commandLineClasses)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("picocli..")
			.because("the command line is read with picocli, and nothing else of the module needs it");
	}

	/**
	 * Every bean of a starter's auto-configuration backs off when the application defines
	 * its own: a filter by its type ({@code @ConditionalOnMissingFilterBean}, as Spring
	 * Boot's own filters), anything else by its type or bean name
	 * ({@code @ConditionalOnMissingBean}).
	 * @param starter what the starter is called in the rule's reason, e.g. {@code agent}
	 * @return the rule
	 */
	public static ArchRule everyBeanBacksOff(String starter) {
		return methods().that()
			.areAnnotatedWith("org.springframework.context.annotation.Bean")
			.should()
			.beAnnotatedWith("org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean")
			.orShould()
			.beAnnotatedWith("org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean")
			.because("applications replace any piece of the " + starter + " by defining their own bean");
	}

	/**
	 * A condition on methods and constructors: no parameter or return type is one of the
	 * given types.
	 * @param types what the types are, for the rule's description
	 * @param exposed which types the signatures must not show
	 * @return the condition
	 */
	public static ArchCondition<JavaCodeUnit> notExpose(String types, Predicate<JavaClass> exposed) {
		return new ArchCondition<>("not expose " + types + " in their signatures") {
			@Override
			public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
				List<JavaClass> signature = new ArrayList<>(codeUnit.getRawParameterTypes());
				signature.add(codeUnit.getRawReturnType());
				for (JavaClass type : signature) {
					if (exposed.test(type)) {
						events.add(SimpleConditionEvent.violated(codeUnit,
								codeUnit.getFullName() + " exposes " + type.getName()));
					}
				}
			}
		};
	}

}

package dev.project51.testsupport.tools;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

@AnalyzeClasses(packages = "dev.project51.testsupport.tools", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule only_the_jdk_and_junit = classes().should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("dev.project51.testsupport..", "java..", "org.junit..", "org.opentest4j..")
		.because("test support must not pull a framework into the tests that use it");

}

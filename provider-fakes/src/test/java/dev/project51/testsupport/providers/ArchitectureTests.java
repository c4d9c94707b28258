package dev.project51.testsupport.providers;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.project51.testsupport.architecture.ModuleRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.project51.testsupport.providers", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule no_langchain4j_or_spring = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.langchain4j..", "org.springframework..", "com.fasterxml.jackson..")
		.because("a fake must not share code with the clients it tests, and any module can use it");

	@ArchTest
	static final ArchRule only_the_jdk_jackson_and_slf4j = classes().should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("dev.project51.testsupport.providers..", "java..", "tools.jackson..", "org.slf4j..")
		.because("test support must not pull a framework into the tests that use it");

	@ArchTest
	static final ArchRule no_other_project_module = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("dev.project51.agent..")
		.because("the fakes stand for the providers, below every module of the project");

	@ArchTest
	static final ArchRule the_http_server_is_internal = noClasses().that()
		.arePublic()
		.should()
		.haveSimpleNameStartingWith("Wire")
		.orShould()
		.haveSimpleNameEndingWith("Dialect");

	@ArchTest
	static final ArchRule coding_rules = ModuleRules.codingRulesWithoutConsole();

}

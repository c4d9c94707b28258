package dev.project51.testsupport.tools;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

@AnalyzeClasses(packages = "dev.project51.testsupport", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule only_the_jdk_and_junit = classes().that()
		.resideInAPackage("dev.project51.testsupport.tools..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("dev.project51.testsupport..", "java..", "org.junit..", "org.opentest4j..")
		.because("test support must not pull a framework into the tests that use it");

	@ArchTest
	static final ArchRule ports_events_and_clocks_only_on_the_jdk = classes().that()
		.resideInAnyPackage("dev.project51.testsupport.net..", "dev.project51.testsupport.sse..",
				"dev.project51.testsupport.time..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("dev.project51.testsupport..", "java..")
		.because("every module's tests may use them, whatever else the module depends on");

	@ArchTest
	static final ArchRule the_fake_agent_only_on_the_jdk_and_jackson = classes().that()
		.resideInAPackage("dev.project51.testsupport.agent..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("dev.project51.testsupport.agent..", "java..", "com.sun.net.httpserver..",
				"tools.jackson..")
		.because("the agent client's own tests use the fake agent: it cannot depend on the client's types");

	@ArchTest
	static final ArchRule the_architecture_rules_only_on_the_jdk_and_archunit = classes().that()
		.resideInAPackage("dev.project51.testsupport.architecture..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("dev.project51.testsupport.architecture..", "java..", "com.tngtech.archunit..")
		.because("every module's ArchitectureTests use them, whatever else the module depends on");

}

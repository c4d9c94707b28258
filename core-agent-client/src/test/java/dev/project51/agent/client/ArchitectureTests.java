package dev.project51.agent.client;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.project51.testsupport.architecture.ModuleRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "dev.project51.agent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule no_spring_or_langchain4j = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "dev.langchain4j..")
		.because("the client is plain Java: any application, with or without Spring, can use it");

	@ArchTest
	static final ArchRule no_package_cycles = slices().matching("dev.project51.agent.(**)").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule contract_depends_only_on_the_jdk_and_jackson_annotations = classes().that()
		.resideInAPackage("dev.project51.agent.contract..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("dev.project51.agent.contract..", "java..", "com.fasterxml.jackson.annotation..")
		.because("the server builds against the same records");

	@ArchTest
	static final ArchRule transport_depends_only_on_an_http_library = classes().that()
		.resideInAPackage("..agent.client.transport..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("..agent.client.transport..", "java..", "javax.net..", "org.apache.hc..")
		.because("a transport is a thin adapter of an HTTP client (the JDK's or Apache HttpClient's, and the JDK's "
				+ "TLS) that knows nothing of retries or the contract");

	@ArchTest
	static final ArchRule only_the_apache_transport_needs_apache_http_client = noClasses().that()
		.haveNameNotMatching("dev\\.project51\\.agent\\.client\\.transport\\.ApacheHttpTransport(\\$.*)?")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.apache.hc..")
		.because("Apache HttpClient is an optional dependency: nothing else may need it");

	@ArchTest
	static final ArchRule internal_is_used_only_by_the_client = noClasses().that()
		.resideOutsideOfPackages("dev.project51.agent.client", "dev.project51.agent.client.internal..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..agent.client.internal..");

	@ArchTest
	static final ArchRule internal_does_not_depend_on_the_api = noClasses().that()
		.resideInAPackage("..agent.client.internal..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.project51.agent.client", "..agent.client.transport..", "io.github.resilience4j..");

	@ArchTest
	static final ArchRule resilience4j_stays_out_of_the_public_api = noClasses().that()
		.arePublic()
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.github.resilience4j..")
		.because("resilience4j is an implementation detail that may be replaced");

	/**
	 * The API of the client: public types live in these packages or in {@code internal};
	 * docs/agent-api.md lists them and japicmp keeps them compatible between releases.
	 */
	@ArchTest
	static final ArchRule public_types_are_in_exported_or_internal_packages = ModuleRules.publicTypesResideIn(
			"dev.project51.agent.client", "dev.project51.agent.contract", "dev.project51.agent.client.transport");

	@ArchTest
	static final ArchRule the_api_does_not_expose_internal_types = ModuleRules.theApiDoesNotExposeInternalTypes();

	@ArchTest
	static final ArchRule coding_rules = ModuleRules.codingRulesWithoutConsole();

}

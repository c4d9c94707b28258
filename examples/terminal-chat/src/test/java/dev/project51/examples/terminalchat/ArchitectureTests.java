package dev.project51.examples.terminalchat;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The example shows the client library on its own: the JDK and the client's public API,
 * nothing else.
 */
@AnalyzeClasses(packages = "dev.project51.examples.terminalchat", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule onlyTheJdkAndTheClientsPublicApi = classes().should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "dev.project51.examples.terminalchat..", "dev.project51.agent.client",
				"dev.project51.agent.contract")
		.because("a reader should see everything the example needs in the client's public API");

	@ArchTest
	static final ArchRule onlyTheEntryPointIsPublic = classes().that()
		.doNotHaveSimpleName("TerminalChat")
		.and()
		.doNotHaveSimpleName("package-info")
		.should()
		.notBePublic();

	@ArchTest
	static final ArchRule noSystemExitOutsideMain = noClasses().that()
		.doNotHaveSimpleName("TerminalChat")
		.should()
		.callMethod(System.class, "exit", int.class);

}

package dev.project51.examples.terminalchat;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The example shows the client library on its own: the JDK and the client's public API,
 * the examples' command-line support, and picocli only where the command line is read.
 */
@AnalyzeClasses(packages = "dev.project51.examples.terminalchat", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/** The classes that read the command line, nested ones included. */
	private static final String COMMAND_LINE = ".*\\.Options(\\$.*)?";

	@ArchTest
	static final ArchRule onlyTheJdkAndTheClientsPublicApi = classes().that()
		.haveNameNotMatching(COMMAND_LINE)
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "dev.project51.examples.terminalchat..", "dev.project51.agent.client",
				"dev.project51.agent.contract", "dev.project51.examples.cli")
		.because("a reader should see everything the example needs in the client's public API");

	@ArchTest
	static final ArchRule picocliOnlyReadsTheCommandLine = classes().that()
		.haveNameMatching(COMMAND_LINE)
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "dev.project51.examples.terminalchat..", "dev.project51.agent.contract",
				"dev.project51.examples.cli", "picocli..")
		.because("the command line is read with picocli, and nothing else of the example needs it");

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

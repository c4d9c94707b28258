package dev.project51.examples.loadgen;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The load generator is built on the JDK, the client's public API and the examples'
 * command-line support; its feature packages depend on each other in one direction only.
 */
@AnalyzeClasses(packages = "dev.project51.examples.loadgen", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/** The classes that read the command line, nested ones included. */
	private static final String COMMAND_LINE = ".*\\.loadgen\\.Options(\\$.*)?";

	@ArchTest
	static final ArchRule onlyTheJdkAndTheClientsPublicApi = classes().that()
		.haveNameNotMatching(COMMAND_LINE)
		.and()
		.resideOutsideOfPackages("..loadgen.page..", "..loadgen.upstream..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "dev.project51.examples.loadgen..", "dev.project51.agent.client",
				"dev.project51.agent.contract", "dev.project51.examples.cli", "tools.jackson.core.io")
		.because("a reader should see everything the load generator needs in the client's public API (and "
				+ "the JSON string encoder of Jackson, the client's own JSON library, for the raw requests' bodies)");

	@ArchTest
	static final ArchRule picocliOnlyReadsTheCommandLine = classes().that()
		.haveNameMatching(COMMAND_LINE)
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "dev.project51.examples.loadgen..", "dev.project51.examples.cli", "picocli..")
		.because("the command line is read with picocli, and nothing else of the load generator needs it");

	@ArchTest
	static final ArchRule chartsOnlyOnThePage = classes().that()
		.resideInAPackage("..loadgen.page..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "javax.imageio..", "dev.project51.examples.loadgen.report..",
				"dev.project51.examples.loadgen.host..", "org.jfree..", "dev.project51.examples.loadgen.page..")
		.because("the benchmark page reads the load generator's results (and the host readings benchmark.sh "
				+ "copied, with the host package's parsers) and draws with JFreeChart, nothing else");

	@ArchTest
	static final ArchRule theFakeUpstreamIsProviderFakes = classes().that()
		.resideInAPackage("..loadgen.upstream..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "dev.project51.testsupport.providers..",
				"dev.project51.examples.loadgen.upstream..")
		.because("the peer race's upstream is provider-fakes' OpenAI server, not a second fake");

	@ArchTest
	static final ArchRule noCycles = slices().matching("dev.project51.examples.loadgen.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule theEngineKnowsNoScenarioReportOrCommandLine = noClasses().that()
		.resideInAPackage("..loadgen.load..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..loadgen.scenario..", "..loadgen.report..", "..loadgen.host..", "dev.project51.agent..");

	@ArchTest
	static final ArchRule onlyTheClientScenariosUseTheClient = noClasses().that()
		.resideOutsideOfPackages("..loadgen.scenario..")
		.and()
		.doNotHaveSimpleName("LoadGenerator")
		.and()
		.doNotHaveSimpleName("Benchmark")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.project51.agent..");

	@ArchTest
	static final ArchRule noSystemExitOutsideMain = noClasses().that()
		.doNotHaveSimpleName("LoadGenerator")
		.should()
		.callMethod(System.class, "exit", int.class);

}

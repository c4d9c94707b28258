package dev.project51.examples.loadgen;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.project51.examples.cli.AgentEnvironment;
import dev.project51.examples.cli.CommandLineErrors;
import dev.project51.examples.cli.HttpUrls;
import dev.project51.examples.cli.UsageException;
import dev.project51.examples.loadgen.load.LoadRunner;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What the command line and the environment ask for.
 *
 * @param agentUrl the agent's base URL
 * @param frontendUrl the frontend's base URL, or {@code null} (no relay scenario)
 * @param apiToken the agent's bearer token, from {@code AGENT_API_TOKEN}; {@code null}
 * for none
 * @param scenarios the scenarios to run, in order
 * @param concurrencies the concurrencies to run each scenario at, in order
 * @param warmup the warm-up before each measured run
 * @param duration the length of each measured run
 * @param minCalls how many calls each measured run ends at least, going on past the
 * duration for them (0 for no such bound)
 * @param prime how long each scenario runs, dropped, before its first row (zero for no
 * priming)
 * @param primeConcurrency how many callers that priming run has
 * @param message the message every chat sends
 * @param watch processes whose resident memory is sampled, pid by name
 * @param completions OpenAI-compatible base URLs (ending in {@code /v1}) by name, for the
 * completions scenario
 * @param model the model the completions scenario asks for
 * @param report where to write the Markdown report, or {@code null} for standard output
 * @param results where to write the results as tab-separated values, or {@code null}
 * @param threads where to write the watched processes' CPU time by group of threads as
 * tab-separated values, or {@code null}
 * @param title the report's title
 * @param help whether to print the usage and stop
 */
record Options(URI agentUrl, URI frontendUrl, String apiToken, List<String> scenarios, List<Integer> concurrencies,
		Duration warmup, Duration duration, int minCalls, Duration prime, int primeConcurrency, String message,
		Map<String, Long> watch, Map<String, URI> completions, String model, Path report, Path results, Path threads,
		String title, boolean help) {

	static final List<String> SCENARIOS = List.of("chat", "stream", "floor", "relay", "relay-new-session",
			"completions");

	static final String DEFAULT_MODEL = "project51-agent";

	static final String DEFAULT_MESSAGE = "How do I roll back a release?";

	static final int MAX_CONCURRENCY = 1024;

	static final int MAX_MIN_CALLS = 1_000_000;

	private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

	private static final Pattern WATCH = Pattern.compile("([A-Za-z][A-Za-z0-9_-]{0,31})=(\\d{1,10})");

	private static final Map<String, String> EXAMPLES = Map.ofEntries(Map.entry("--agent", "http://localhost:8081"),
			Map.entry("--frontend", "http://localhost:8080"), Map.entry("--scenarios", "chat,stream,floor"),
			Map.entry("--concurrency", "1,16,64"), Map.entry("--warmup", "3s"), Map.entry("--duration", "10s"),
			Map.entry("--prime", "10s"), Map.entry("--prime-concurrency", "64"), Map.entry("--message", "\"Hello\""),
			Map.entry("--watch", "agent=12345"), Map.entry("--report", "report.md"), Map.entry("--title", "\"Run 1\""),
			Map.entry("--completions", "agent=http://localhost:8081/v1"), Map.entry("--model", "project51-agent"),
			Map.entry("--results", "results.tsv"), Map.entry("--min-calls", "100"),
			Map.entry("--threads", "threads.tsv"));

	/**
	 * Reads the command line.
	 * @param args the arguments
	 * @param environment the environment variables
	 * @return the options
	 * @throws UsageException if the command line cannot run
	 */
	static Options parse(List<String> args, Map<String, String> environment) throws UsageException {
		Arguments arguments = new Arguments();
		try {
			new CommandLine(arguments).parseArgs(args.toArray(String[]::new));
		}
		catch (ParameterException ex) {
			throw new UsageException(CommandLineErrors.describe(ex, AgentEnvironment.TOKEN_VARIABLE, EXAMPLES));
		}
		Map<String, Long> watch = new LinkedHashMap<>();
		for (String spec : arguments.watch) {
			Matcher matcher = WATCH.matcher(spec);
			if (!matcher.matches()) {
				throw new UsageException("--watch '" + spec + "': use NAME=PID, e.g. --watch agent=12345");
			}
			if (watch.put(matcher.group(1), Long.parseLong(matcher.group(2))) != null) {
				throw new UsageException("--watch '" + spec + "': " + matcher.group(1) + " is watched twice");
			}
		}
		Map<String, URI> completions = new LinkedHashMap<>();
		for (String spec : arguments.completions) {
			int equals = spec.indexOf('=');
			String name = (equals > 0) ? spec.substring(0, equals) : "";
			if (!name.matches("[A-Za-z][A-Za-z0-9_-]{0,31}")) {
				throw new UsageException("--completions '" + spec
						+ "': use NAME=URL, e.g. --completions agent=http://localhost:8081/v1");
			}
			if (completions.put(name, HttpUrls.parse(spec.substring(equals + 1), "--completions " + name)) != null) {
				throw new UsageException("--completions '" + spec + "': " + name + " is given twice");
			}
		}
		if (arguments.model.isBlank()) {
			throw new UsageException("--model is empty; name one, e.g. --model project51-agent");
		}
		URI agentUrl = AgentEnvironment.agentUrl("--agent", arguments.agent, environment);
		URI frontendUrl = (arguments.frontend != null) ? HttpUrls.parse(arguments.frontend, "--frontend") : null;
		List<String> scenarioList = scenarios(arguments.scenarios, frontendUrl != null, !completions.isEmpty());
		if (scenarioList.contains("completions") && completions.isEmpty()) {
			throw new UsageException("--scenarios completions needs at least one target: add --completions "
					+ "agent=http://localhost:8081/v1 (repeatable)");
		}
		for (String relay : List.of("relay", "relay-new-session")) {
			if (scenarioList.contains(relay) && frontendUrl == null) {
				throw new UsageException(
						"--scenarios " + relay + " needs the frontend's URL: add --frontend http://localhost:8080");
			}
		}
		if (arguments.message.isBlank()) {
			throw new UsageException("--message is empty; write one, e.g. --message \"How do I roll back?\"");
		}
		Duration measured = duration("--duration", arguments.duration);
		if (measured.isZero()) {
			throw new UsageException(
					"--duration '" + arguments.duration + "': must be more than 0, e.g. --duration 10s");
		}
		Duration warmup = duration("--warmup", arguments.warmup);
		List<Integer> levels = concurrencies(arguments.concurrency);
		Duration prime = (arguments.prime != null) ? duration("--prime", arguments.prime) : warmup;
		int primeConcurrency = (arguments.primeConcurrency != null) ? arguments.primeConcurrency
				: levels.stream().mapToInt(Integer::intValue).max().orElseThrow();
		if (primeConcurrency < 1 || primeConcurrency > MAX_CONCURRENCY) {
			throw new UsageException("--prime-concurrency '" + primeConcurrency + "': must be a whole number from 1 to "
					+ MAX_CONCURRENCY + ", e.g. --prime-concurrency 64");
		}
		if (arguments.minCalls < 0 || arguments.minCalls > MAX_MIN_CALLS) {
			throw new UsageException("--min-calls '" + arguments.minCalls + "': must be a whole number from 0 to "
					+ MAX_MIN_CALLS + ", e.g. --min-calls 100");
		}
		String title = arguments.title;
		return new Options(agentUrl, frontendUrl, AgentEnvironment.apiToken(environment), scenarioList, levels, warmup,
				measured, arguments.minCalls, prime, primeConcurrency, arguments.message, watch, completions,
				arguments.model.strip(), (arguments.report != null) ? Path.of(arguments.report) : null,
				(arguments.results != null) ? Path.of(arguments.results) : null,
				(arguments.threads != null) ? Path.of(arguments.threads) : null,
				(title != null && !title.isBlank()) ? title.strip() : "Load on " + agentUrl, arguments.help);
	}

	/**
	 * The help text.
	 * @return what {@code --help} prints
	 */
	static String usage() {
		return new CommandLine(new Arguments()).getUsageMessage(Help.Ansi.OFF);
	}

	private static List<String> scenarios(String value, boolean withFrontend, boolean withCompletions)
			throws UsageException {
		if (value == null) {
			List<String> defaults = new ArrayList<>(List.of("chat", "stream", "floor"));
			if (withFrontend) {
				defaults.add("relay");
			}
			if (withCompletions) {
				defaults.add("completions");
			}
			return List.copyOf(defaults);
		}
		Set<String> names = new LinkedHashSet<>();
		for (String name : value.split(",", -1)) {
			String trimmed = name.strip().toLowerCase(Locale.ROOT);
			if (!SCENARIOS.contains(trimmed)) {
				throw new UsageException("--scenarios '" + value + "': '" + name.strip()
						+ "' is not a scenario; choose from " + String.join(",", SCENARIOS));
			}
			names.add(trimmed);
		}
		return List.copyOf(names);
	}

	private static List<Integer> concurrencies(String value) throws UsageException {
		List<Integer> levels = new ArrayList<>();
		for (String level : value.split(",", -1)) {
			try {
				int n = Integer.parseInt(level.strip());
				if (n < 1 || n > MAX_CONCURRENCY) {
					throw new NumberFormatException();
				}
				levels.add(n);
			}
			catch (NumberFormatException ex) {
				throw new UsageException("--concurrency '" + value + "': each level is a whole number from 1 to "
						+ MAX_CONCURRENCY + ", e.g. --concurrency 1,16,64");
			}
		}
		return List.copyOf(levels);
	}

	static Duration duration(String name, String value) throws UsageException {
		Matcher matcher = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new UsageException(name + " '" + value + "': use a number with ms, s or m (seconds when"
					+ " none), e.g. " + name + " 10s");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

	@Command(name = "load-generator", sortOptions = false, usageHelpWidth = 100,
			description = {
					"Loads a Project51 agent (and optionally its frontend) and writes a Markdown report: "
							+ "throughput, latency percentiles and failures per scenario and concurrency.",
					"", "Scenarios:", "  chat     POST /api/v1/chat through the agent client",
					"  stream   POST /api/v1/chat/stream through the agent client (time to first token too)",
					"  floor    GET /actuator/health/liveness of the agent with a plain JDK HttpClient",
					"  relay    time to first token of the same stream read directly from the agent",
					"           and through the frontend (POST /api/chat/stream), each caller one browser",
					"           keeping its session cookie; needs --frontend",
					"  relay-new-session  the frontend's stream with a new browser session every call",
					"  completions  a streamed OpenAI chat completion (POST <url>/chat/completions) against",
					"           each --completions target: a provider, the agent's /v1, a gateway", "" },
			footerHeading = "%nEnvironment:%n",
			footer = { "  AGENT_URL         the agent's URL, when --agent is not given", AgentEnvironment.TOKEN_HELP,
					"", "Exit status: 0 measured (failed calls are counted in the report, not fatal),",
					"1 the agent or frontend is not ready or the report cannot be written, 2 bad command line." })
	static final class Arguments {

		@Option(names = "--agent", paramLabel = "URL", description = AgentEnvironment.URL_OPTION_HELP)
		String agent;

		@Option(names = "--frontend", paramLabel = "URL", description = "the frontend, for the relay scenario")
		String frontend;

		@Option(names = "--scenarios", paramLabel = "LIST",
				description = "comma-separated (default: chat,stream,floor, plus relay with --frontend and "
						+ "completions with --completions)")
		String scenarios;

		@Option(names = "--concurrency", paramLabel = "LIST",
				description = "callers at once, comma-separated (default: ${DEFAULT-VALUE})")
		String concurrency = "1,16,64";

		@Option(names = "--warmup", paramLabel = "DURATION",
				description = "before each measured run, dropped (default: ${DEFAULT-VALUE})")
		String warmup = "3s";

		@Option(names = "--duration", paramLabel = "DURATION",
				description = "of each measured run (default: ${DEFAULT-VALUE}); e.g. 500ms, 10s, 2m")
		String duration = "10s";

		@Option(names = "--min-calls", paramLabel = "N",
				description = "each measured run goes on past --duration until its callers have ended N calls, "
						+ "so that its percentiles rest on enough calls (p99 needs 100), for at most "
						+ LoadRunner.MAX_EXTENSION + " times the duration (default: ${DEFAULT-VALUE}, none)")
		int minCalls;

		@Option(names = "--prime", paramLabel = "DURATION",
				description = "before the first row of each scenario, run it this long at --prime-concurrency, "
						+ "dropped, so that the JVMs under test are past their JIT warm-up; 0 for none "
						+ "(default: the --warmup)")
		String prime;

		@Option(names = "--prime-concurrency", paramLabel = "N",
				description = "callers at once while priming (default: the highest --concurrency)")
		Integer primeConcurrency;

		@Option(names = "--message", paramLabel = "TEXT",
				description = "what every chat sends (default: \"${DEFAULT-VALUE}\")")
		String message = DEFAULT_MESSAGE;

		@Option(names = "--watch", paramLabel = "NAME=PID",
				description = "sample the resident memory of a process (Linux), repeatable")
		List<String> watch = new ArrayList<>();

		@Option(names = "--completions", paramLabel = "NAME=URL",
				description = "an OpenAI-compatible base URL (ending in /v1) for the completions scenario, repeatable")
		List<String> completions = new ArrayList<>();

		@Option(names = "--model", paramLabel = "NAME",
				description = "the model the completions scenario asks for (default: ${DEFAULT-VALUE})")
		String model = DEFAULT_MODEL;

		@Option(names = "--report", paramLabel = "FILE",
				description = "write the report there (default: standard output)")
		String report;

		@Option(names = "--results", paramLabel = "FILE",
				description = "also write the results there as tab-separated values, for the benchmark page")
		String results;

		@Option(names = "--threads", paramLabel = "FILE",
				description = "also write where each --watch process's CPU time went in each run, by group of "
						+ "threads (Linux), as tab-separated values, for the benchmark page")
		String threads;

		@Option(names = "--title", paramLabel = "TEXT", description = "the report's title")
		String title;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "show this help")
		boolean help;

	}

	@Override
	public String toString() {
		return "Options[agentUrl=" + this.agentUrl + ", frontendUrl=" + this.frontendUrl + ", apiToken="
				+ ((this.apiToken != null) ? "(set)" : "(none)") + ", scenarios=" + this.scenarios + ", concurrencies="
				+ this.concurrencies + ", warmup=" + this.warmup + ", duration=" + this.duration + ", prime="
				+ this.prime + " x" + this.primeConcurrency + "]";
	}

}

package dev.project51.examples.loadgen;

import java.net.URI;
import java.net.URISyntaxException;
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
 * @param message the message every chat sends
 * @param watch processes whose resident memory is sampled, pid by name
 * @param report where to write the Markdown report, or {@code null} for standard output
 * @param title the report's title
 * @param help whether to print the usage and stop
 */
record Options(URI agentUrl, URI frontendUrl, String apiToken, List<String> scenarios, List<Integer> concurrencies,
		Duration warmup, Duration duration, String message, Map<String, Long> watch, Path report, String title,
		boolean help) {

	static final String URL_VARIABLE = "AGENT_URL";

	static final String TOKEN_VARIABLE = "AGENT_API_TOKEN";

	static final URI DEFAULT_URL = URI.create("http://localhost:8081");

	static final List<String> SCENARIOS = List.of("chat", "stream", "floor", "relay");

	static final String DEFAULT_MESSAGE = "How do I roll back a release?";

	static final int MAX_CONCURRENCY = 1024;

	static final String USAGE = """
			Usage: load-generator [options]

			Loads a Project51 agent (and optionally its frontend) and writes a Markdown report:
			throughput, latency percentiles and failures per scenario and concurrency.

			Scenarios:
			  chat     POST /api/v1/chat through the agent client
			  stream   POST /api/v1/chat/stream through the agent client (time to first token too)
			  floor    GET /actuator/health/liveness of the agent with a plain JDK HttpClient
			  relay    time to first token of the same stream read directly from the agent
			           and through the frontend (POST /api/chat/stream); needs --frontend

			Options:
			  --agent URL            the agent (default: $AGENT_URL, else http://localhost:8081)
			  --frontend URL         the frontend, for the relay scenario
			  --scenarios LIST       comma-separated (default: chat,stream,floor, plus relay with --frontend)
			  --concurrency LIST     callers at once, comma-separated (default: 1,16,64)
			  --warmup DURATION      before each measured run, dropped (default: 3s)
			  --duration DURATION    of each measured run (default: 10s); e.g. 500ms, 10s, 2m
			  --message TEXT         what every chat sends (default: "How do I roll back a release?")
			  --watch NAME=PID       sample the resident memory of a process (Linux), repeatable
			  --report FILE          write the report there (default: standard output)
			  --title TEXT           the report's title
			  -h, --help             show this help

			Environment:
			  AGENT_URL              the agent's URL, when --agent is not given
			  AGENT_API_TOKEN        the agent's bearer token (never on the command line)

			Exit status: 0 measured (failed calls are counted in the report, not fatal),
			1 the agent or frontend is not ready or the report cannot be written, 2 bad command line.
			""";

	private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

	private static final Pattern WATCH = Pattern.compile("([A-Za-z][A-Za-z0-9_-]{0,31})=(\\d{1,10})");

	/**
	 * Reads the command line.
	 * @param args the arguments
	 * @param environment the environment variables
	 * @return the options
	 * @throws UsageException if the command line cannot run
	 */
	static Options parse(List<String> args, Map<String, String> environment) throws UsageException {
		String agent = null;
		String frontend = null;
		String scenarios = null;
		String concurrency = "1,16,64";
		String warmup = "3s";
		String duration = "10s";
		String message = DEFAULT_MESSAGE;
		Map<String, Long> watch = new LinkedHashMap<>();
		String report = null;
		String title = null;
		boolean help = false;
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			String name = arg;
			String value = null;
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 0) {
				name = arg.substring(0, equals);
				value = arg.substring(equals + 1);
			}
			switch (name) {
				case "-h", "--help" -> help = true;
				case "--agent" -> agent = (value != null) ? value : valueOf(args, ++i, name, "http://localhost:8081");
				case "--frontend" ->
					frontend = (value != null) ? value : valueOf(args, ++i, name, "http://localhost:8080");
				case "--scenarios" ->
					scenarios = (value != null) ? value : valueOf(args, ++i, name, "chat,stream,floor");
				case "--concurrency" -> concurrency = (value != null) ? value : valueOf(args, ++i, name, "1,16,64");
				case "--warmup" -> warmup = (value != null) ? value : valueOf(args, ++i, name, "3s");
				case "--duration" -> duration = (value != null) ? value : valueOf(args, ++i, name, "10s");
				case "--message" -> message = (value != null) ? value : valueOf(args, ++i, name, "\"Hello\"");
				case "--report" -> report = (value != null) ? value : valueOf(args, ++i, name, "report.md");
				case "--title" -> title = (value != null) ? value : valueOf(args, ++i, name, "\"Run 1\"");
				case "--watch" -> {
					String spec = (value != null) ? value : valueOf(args, ++i, name, "agent=12345");
					Matcher matcher = WATCH.matcher(spec);
					if (!matcher.matches()) {
						throw new UsageException("--watch '" + spec + "': use NAME=PID, e.g. --watch agent=12345");
					}
					if (watch.put(matcher.group(1), Long.parseLong(matcher.group(2))) != null) {
						throw new UsageException("--watch '" + spec + "': " + matcher.group(1) + " is watched twice");
					}
				}
				default -> {
					if (name.toLowerCase(Locale.ROOT).contains("token")) {
						throw new UsageException("'" + name + "': pass the token in the environment variable "
								+ TOKEN_VARIABLE + ", never on the command line (other users of the machine can"
								+ " read command lines)");
					}
					throw new UsageException(name.startsWith("-") ? "unknown option '" + name + "'"
							: "unexpected argument '" + name + "'");
				}
			}
		}
		String source = (agent != null) ? "--agent" : URL_VARIABLE;
		if (agent == null) {
			agent = environment.get(URL_VARIABLE);
		}
		URI agentUrl = (agent == null || agent.isBlank()) ? DEFAULT_URL : url(agent.trim(), source);
		URI frontendUrl = (frontend != null) ? url(frontend.trim(), "--frontend") : null;
		List<String> scenarioList = scenarios(scenarios, frontendUrl != null);
		if (scenarioList.contains("relay") && frontendUrl == null) {
			throw new UsageException(
					"--scenarios relay needs the frontend's URL: add --frontend http://localhost:8080");
		}
		if (message.isBlank()) {
			throw new UsageException("--message is empty; write one, e.g. --message \"How do I roll back?\"");
		}
		Duration measured = duration("--duration", duration);
		if (measured.isZero()) {
			throw new UsageException("--duration '" + duration + "': must be more than 0, e.g. --duration 10s");
		}
		String token = environment.get(TOKEN_VARIABLE);
		return new Options(agentUrl, frontendUrl, (token == null || token.isBlank()) ? null : token.trim(),
				scenarioList, concurrencies(concurrency), duration("--warmup", warmup), measured, message, watch,
				(report != null) ? Path.of(report) : null,
				(title != null && !title.isBlank()) ? title.strip() : "Load on " + agentUrl, help);
	}

	private static List<String> scenarios(String value, boolean withFrontend) throws UsageException {
		if (value == null) {
			return withFrontend ? SCENARIOS : List.of("chat", "stream", "floor");
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

	private static String valueOf(List<String> args, int index, String name, String example) throws UsageException {
		if (index >= args.size() || (args.get(index).startsWith("-") && args.get(index).length() > 1)) {
			throw new UsageException(name + " needs a value, e.g. " + name + " " + example);
		}
		return args.get(index);
	}

	private static URI url(String url, String source) throws UsageException {
		String problem = source + " '" + url + "': use an http or https URL, e.g. http://localhost:8081";
		try {
			URI uri = new URI(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
					|| uri.getRawFragment() != null) {
				throw new UsageException(problem);
			}
			if (uri.getRawUserInfo() != null) {
				throw new UsageException(source + ": the URL must not carry credentials; set " + TOKEN_VARIABLE
						+ " to the agent's token instead");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new UsageException(problem);
		}
	}

	@Override
	public String toString() {
		return "Options[agentUrl=" + this.agentUrl + ", frontendUrl=" + this.frontendUrl + ", apiToken="
				+ ((this.apiToken != null) ? "(set)" : "(none)") + ", scenarios=" + this.scenarios + ", concurrencies="
				+ this.concurrencies + ", warmup=" + this.warmup + ", duration=" + this.duration + "]";
	}

}

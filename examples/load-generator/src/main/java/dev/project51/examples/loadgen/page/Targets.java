package dev.project51.examples.loadgen.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import dev.project51.examples.loadgen.report.ResultRow;

/**
 * Issue 19's performance targets, each with what the run measured and whether it is met.
 */
final class Targets {

	static final String RELAY_DIRECT = "relay: agent direct";

	static final String RELAY_FRONTEND = "relay: via frontend";

	static final String UPSTREAM = "completions: upstream";

	static final String AGENT = "completions: agent";

	static final String PEER = "completions: litellm";

	static final String MET = "met";

	static final String NOT_MET = "**not met**";

	static final String NOT_MEASURED = "not measured";

	/** A JMH comparison whose distance from the limit is within JMH's error. */
	static final String NOT_ESTABLISHED = "not established (within JMH's error)";

	/**
	 * The client benchmarks the targets compare with their raw baselines: client, raw,
	 * what they call.
	 */
	static final String[][] CLIENT_PAIRS = { { "clientChat", "rawChat", "chat" },
			{ "clientStreamListener", "rawStream", "stream" },
			{ "clientStreamIterator", "rawStream", "stream, iterated" } };

	/**
	 * The profiles that start the apps as shipped; {@code defaults} is always reported.
	 * Not {@code aot-cache}: the images run JDK 17.
	 */
	private static final List<String> SHIPPED = List.of("defaults", "appcds", "run-local");

	private Targets() {
	}

	/**
	 * One target.
	 *
	 * @param item the item
	 * @param goal what it asks for
	 * @param measured what the run measured
	 * @param status {@link #MET}, {@link #NOT_MET}, {@link #NOT_MEASURED} or another word
	 */
	record Target(String item, String goal, String measured, String status) {

	}

	static List<Target> of(RunData data) {
		List<Target> targets = new ArrayList<>();
		relay(data, targets);
		client(data, targets);
		startup(data, targets);
		memory(data, targets);
		targets.add(new Target("5", "nothing left in the temporary directory after a run",
				"tested by reliability-tests `TempDirectoryIT` (the agent and the frontend leave no file in "
						+ "`java.io.tmpdir`), not by this command",
				"tested elsewhere"));
		peer(data, targets);
		return targets;
	}

	private static void relay(RunData data, List<Target> targets) {
		String[][] goals = { { "1", "50", "2" }, { "1", "99", "5" }, { "64", "50", "10" } };
		for (String[] goal : goals) {
			int concurrency = Integer.parseInt(goal[0]);
			ToDoubleFunction<ResultRow> percentile = goal[1].equals("50") ? ResultRow::firstTokenP50
					: ResultRow::firstTokenP99;
			double limit = Double.parseDouble(goal[2]);
			double overhead = overhead(data.load(), RELAY_DIRECT, RELAY_FRONTEND, concurrency, percentile);
			targets.add(new Target("1",
					"frontend relay first-token overhead ≤ " + goal[2] + " ms p" + goal[1] + " at concurrency "
							+ concurrency,
					Double.isNaN(overhead) ? "–" : signed(overhead) + " ms", status(overhead, limit)));
		}
	}

	private static void client(RunData data, List<Target> targets) {
		for (String[] pair : CLIENT_PAIRS) {
			Optional<JmhScore> client = jmh(data, pair[0]);
			Optional<JmhScore> raw = jmh(data, pair[1]);
			if (client.isEmpty() || raw.isEmpty()) {
				targets.add(new Target("2", "agent client within 5 % of a raw `HttpClient` call (" + pair[2] + ")", "–",
						NOT_MEASURED));
				continue;
			}
			double ratio = client.get().score() / raw.get().score();
			targets.add(new Target("2", "agent client within 5 % of a raw `HttpClient` call (" + pair[2] + ")",
					String.format(Locale.ROOT, "`%s` %.0f %s vs `%s` %.0f %s: %+.0f %%", pair[0], client.get().score(),
							client.get().unit(), pair[1], raw.get().score(), raw.get().unit(), (ratio - 1) * 100),
					clientStatus(client.get(), raw.get())));
		}
	}

	/**
	 * Start-up as shipped: {@code java -jar} ({@code defaults}), the container images
	 * (their {@code JAVA_TOOL_OPTIONS} and AppCDS archive, {@code appcds}) and
	 * run-local.sh (its flags, the archive and the quick-start flags, {@code run-local}),
	 * each where the run measured it.
	 */
	private static void startup(RunData data, List<Target> targets) {
		for (StartupRow row : shipped(data)) {
			double agent = readySeconds(row.agentReadyMs());
			double frontend = readySeconds(row.frontendReadyMs());
			targets.add(new Target("3", "agent ready ≤ 2 s (profile " + row.profile() + ")", seconds(agent),
					status(agent, 2)));
			targets.add(new Target("3", "frontend ready ≤ 1 s (profile " + row.profile() + ")", seconds(frontend),
					status(frontend, 1)));
		}
	}

	/**
	 * The start-up rows of the profiles that start the apps as shipped, in order:
	 * {@code defaults} always (a row of unknown figures when it did not run), the others
	 * when they ran.
	 */
	private static List<StartupRow> shipped(RunData data) {
		List<StartupRow> rows = new ArrayList<>();
		for (String profile : SHIPPED) {
			data.startup()
				.stream()
				.filter((candidate) -> candidate.profile().equals(profile))
				.findFirst()
				.or(() -> profile.equals("defaults") ? Optional.of(StartupRow.unmeasured(profile)) : Optional.empty())
				.ifPresent(rows::add);
		}
		return rows;
	}

	private static double readySeconds(long readyMs) {
		return (readyMs < 0) ? Double.NaN : readyMs / 1000.0;
	}

	/**
	 * Idle memory as shipped (the profiles of {@link #startup}), and the agent's peak
	 * while streaming 64 answers under the load's profile.
	 */
	private static void memory(RunData data, List<Target> targets) {
		double underStreams = data.load()
			.stream()
			.filter((row) -> row.concurrency() == 64
					&& (row.scenario().equals("stream") || row.scenario().startsWith("relay")))
			.mapToDouble((row) -> row.peakRssMib().getOrDefault("agent", Double.NaN))
			.filter((value) -> !Double.isNaN(value))
			.max()
			.orElse(Double.NaN);
		List<StartupRow> shipped = shipped(data);
		for (StartupRow row : shipped) {
			targets.add(new Target("4", "agent ≤ 300 MiB RSS idle (profile " + row.profile() + ")",
					mib(row.agentIdleMib()), status(row.agentIdleMib(), 300)));
		}
		targets.add(new Target("4", "agent ≤ 400 MiB RSS under 64 streams (peak while streaming at 64)",
				mib(underStreams), status(underStreams, 400)));
		data.breakdown().memoryLoad().stream().filter((row) -> row.concurrency() == 64).findFirst().ifPresent((row) -> {
			double peak = row.peakRssMib().getOrDefault("agent", Double.NaN);
			targets.add(new Target("4",
					"agent ≤ 400 MiB RSS under 64 streams (memory profile: the container flags, as on Kubernetes)",
					mib(peak), status(peak, 400)));
		});
		for (StartupRow row : shipped) {
			targets.add(new Target("4", "frontend ≤ 150 MiB RSS idle (profile " + row.profile() + ")",
					mib(row.frontendIdleMib()), status(row.frontendIdleMib(), 150)));
		}
	}

	private static void peer(RunData data, List<Target> targets) {
		List<Integer> concurrencies = data.peer()
			.stream()
			.filter((row) -> row.scenario().equals(AGENT))
			.map(ResultRow::concurrency)
			.toList();
		if (concurrencies.isEmpty()) {
			targets.add(new Target("6", "lower overhead than the peer at every concurrency", "–", NOT_MEASURED));
		}
		for (int concurrency : concurrencies) {
			for (String p : List.of("50", "99")) {
				ToDoubleFunction<ResultRow> percentile = p.equals("50") ? ResultRow::firstTokenP50
						: ResultRow::firstTokenP99;
				double agent = overhead(data.peer(), UPSTREAM, AGENT, concurrency, percentile);
				double peer = overhead(data.peer(), UPSTREAM, PEER, concurrency, percentile);
				String status = (Double.isNaN(agent) || Double.isNaN(peer)) ? NOT_MEASURED
						: (agent < peer) ? MET : NOT_MET;
				targets.add(new Target("6",
						"first-token overhead over the upstream p" + p + " at concurrency " + concurrency
								+ " below the peer's",
						"agent " + (Double.isNaN(agent) ? "–" : signed(agent)) + " ms, peer "
								+ (Double.isNaN(peer) ? "–" : signed(peer)) + " ms",
						status));
			}
		}
		Optional<PeerMemory> agent = data.peerMemory().stream().filter((m) -> m.name().equals("agent")).findFirst();
		Optional<PeerMemory> peer = data.peerMemory()
			.stream()
			.filter((m) -> !m.name().equals("agent") && !m.name().equals("upstream"))
			.findFirst();
		if (agent.isEmpty() || peer.isEmpty()) {
			targets.add(new Target("6", "less memory than the peer", "–", NOT_MEASURED));
			return;
		}
		targets.add(new Target("6", "less RSS than the peer, idle",
				"agent " + mib(agent.get().idleMib()) + ", " + peer.get().name() + " " + mib(peer.get().idleMib()),
				(agent.get().idleMib() < peer.get().idleMib()) ? MET : NOT_MET));
		targets.add(new Target("6", "less RSS than the peer, peak under the load",
				"agent " + mib(agent.get().peakMib()) + ", " + peer.get().name() + " " + mib(peer.get().peakMib()),
				(agent.get().peakMib() < peer.get().peakMib()) ? MET : NOT_MET));
	}

	static double overhead(List<ResultRow> rows, String baseline, String measured, int concurrency,
			ToDoubleFunction<ResultRow> value) {
		Optional<ResultRow> base = find(rows, baseline, concurrency);
		Optional<ResultRow> through = find(rows, measured, concurrency);
		if (base.isEmpty() || through.isEmpty()) {
			return Double.NaN;
		}
		return value.applyAsDouble(through.get()) - value.applyAsDouble(base.get());
	}

	static Optional<ResultRow> find(List<ResultRow> rows, String scenario, int concurrency) {
		return rows.stream()
			.filter((row) -> row.scenario().equals(scenario) && row.concurrency() == concurrency)
			.findFirst();
	}

	static Optional<JmhScore> jmh(RunData data, String name) {
		return data.jmh().stream().filter((score) -> score.benchmark().equals(name)).findFirst();
	}

	/**
	 * Whether a client benchmark is within 5 % of its raw baseline: by the scores, unless
	 * the client's distance from the limit (105 % of the baseline) is within the two
	 * scores' JMH errors added up, when neither verdict is established.
	 */
	static String clientStatus(JmhScore client, JmhScore raw) {
		double limit = clientLimit(raw);
		double error = client.error() + raw.error();
		if (!Double.isNaN(error) && Math.abs(client.score() - limit) <= error) {
			return NOT_ESTABLISHED;
		}
		return status(client.score(), limit);
	}

	/**
	 * Item 2's limit for the client: 105 % of the raw call's score.
	 * @param raw the raw call's score
	 * @return the limit, in the score's unit
	 */
	static double clientLimit(JmhScore raw) {
		return raw.score() * 1.05;
	}

	private static String status(double value, double limit) {
		if (Double.isNaN(value)) {
			return NOT_MEASURED;
		}
		return (value <= limit) ? MET : NOT_MET;
	}

	static String signed(double millis) {
		return String.format(Locale.ROOT, "%+.2f", millis).replace("-", "−");
	}

	private static String seconds(double seconds) {
		return Double.isNaN(seconds) ? "–" : String.format(Locale.ROOT, "%.1f s", seconds);
	}

	static String mib(double mib) {
		return Double.isNaN(mib) ? "–" : String.format(Locale.ROOT, "%.0f MiB", mib);
	}

}

package dev.project51.examples.loadgen.page;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.project51.examples.loadgen.report.ResultRow;
import dev.project51.examples.loadgen.report.ThreadsTable;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkPageTests {

	@TempDir
	Path dir;

	@Test
	void writesThePageWithTheTargetsTablesAndChartsAsValidPngs() throws IOException {
		Path page = this.dir.resolve("docs/benchmarks.md");
		Path images = this.dir.resolve("docs/images/benchmarks");
		BenchmarkPage.write(data(), page, images);
		String md = Files.readString(page, StandardCharsets.UTF_8);
		assertThat(md).startsWith("# Benchmarks\n");
		assertThat(md).contains("[benchmark-history.md](benchmark-history.md)");
		assertThat(md).contains("- Machine: 2 cores (`nproc`), Test CPU, 8 GiB RAM; Debian; OpenJDK 17");
		assertThat(md)
			.contains("- Load average (1, 5, 15 min): 1.00 0.50 0.25 at the start, 2.00 1.00 0.50 at the end");
		assertThat(md).contains("```console\nbenchmark.sh --report docs/benchmarks.md\n```");
		assertThat(md).contains("What it ran, in order:\n\n```console\nmvn package\njava -jar agent.jar\n```");
		assertThat(md).contains("- Agent: rate limit raised");
		assertThat(md)
			.contains("| 1 | frontend relay first-token overhead ≤ 2 ms p50 at concurrency 1 | +1.00 ms | met |");
		assertThat(md).contains(
				"| 1 | frontend relay first-token overhead ≤ 5 ms p99 at concurrency 1 | +6.00 ms | **not met** |");
		assertThat(md)
			.contains("| 1 | frontend relay first-token overhead ≤ 10 ms p50 at concurrency 64 | – | not measured |");
		assertThat(md)
			.contains("`clientChat` 1050 us/op vs `rawChat` 1000 us/op: +5 % | not established (within JMH's error) |");
		assertThat(md).contains("Item 2 compares JMH's scores, unless the client's distance from 105 % of the raw "
				+ "call's score is within their two errors added up");
		assertThat(md).contains("| 3 | agent ready ≤ 2 s (profile defaults) | 1.5 s | met |");
		assertThat(md).contains("| 3 | frontend ready ≤ 1 s (profile defaults) | 1.2 s | **not met** |");
		assertThat(md).contains("| 3 | agent ready ≤ 2 s (profile run-local) | 1.9 s | met |");
		assertThat(md).contains("| 3 | frontend ready ≤ 1 s (profile run-local) | 0.9 s | met |");
		assertThat(md).doesNotContain("(profile appcds)");
		assertThat(md).contains("| 4 | agent ≤ 300 MiB RSS idle (profile defaults) | 280 MiB | met |");
		assertThat(md).contains("| 4 | frontend ≤ 150 MiB RSS idle (profile defaults) | 140 MiB | met |");
		assertThat(md).contains("| 4 | frontend ≤ 150 MiB RSS idle (profile run-local) | 120 MiB | met |");
		assertThat(md).contains("| 4 | agent ≤ 300 MiB RSS idle (profile run-local) | 250 MiB | met |");
		assertThat(md).doesNotContain("RSS idle (profile appcds)");
		assertThat(md).contains("| 5 | nothing left in the temporary directory");
		assertThat(md).contains("first-token overhead over the upstream p50 at concurrency 1 below the peer's "
				+ "| agent +2.00 ms, peer +5.00 ms | met |");
		assertThat(md).contains("first-token overhead over the upstream p99 at concurrency 1 below the peer's "
				+ "| agent +9.00 ms, peer +8.00 ms | **not met** |");
		assertThat(md).contains("| 6 | less RSS than the peer, idle | agent 250 MiB, litellm 600 MiB | met |");
		assertThat(md).contains("| 1 | 20.0 / 22.0 | +2.00 / +9.00 | +5.00 / +8.00 |");
		assertThat(md).contains("| defaults | `–` | `-Xmx256m` | 1.5 | 1.2 | 280 | 140 | 390 | 150 | 0.1 0.1 0.1 |  |");
		assertThat(md).contains("| `clientChat` | 1050.0 | ± 10.0 | us/op |");
		assertThat(md).contains("### Load\n\n- the load generator's own report");
		List<String> charts = List.of("first-token-p50.png", "first-token-p99.png", "peer-overhead.png",
				"peer-memory.png", "startup.png", "memory.png");
		for (String chart : charts) {
			assertThat(md).contains("](images/benchmarks/" + chart + ")");
			BufferedImage image = ImageIO.read(images.resolve(chart).toFile());
			assertThat(image).as(chart).isNotNull();
			assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
			assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
		}
	}

	@Test
	void saysWhereTheTimeAndTheMemoryOfTheUnmetTargetsGo() throws IOException {
		Path page = this.dir.resolve("docs/benchmarks.md");
		BenchmarkPage.write(data(), page, this.dir.resolve("docs/images/benchmarks"));
		String md = Files.readString(page, StandardCharsets.UTF_8);
		assertThat(md).contains("go, measured: [where the time and the memory go](#where-the-time-and-the-memory-go)");
		assertThat(md).contains("\n## Where the time and the memory go\n");
		assertThat(md).contains("| 4 | agent ≤ 400 MiB RSS under 64 streams (memory profile: the container flags, "
				+ "as on Kubernetes) | 450 MiB | **not met** |");
		// 5 s of CPU over 2 cores, 3 s of it on the main threads: the floor is the main
		// threads' 3 s
		assertThat(md).contains("| defaults | agent | 1.5 | 5.0 | 3.0 | 0.8 | 0.1 | 1.1 | 3.0 |");
		assertThat(md).contains("### Start-up: classes at readiness")
			.contains("| defaults | agent | 1.5 | 11000 | 10000 | 1.1 | 0.5 | 0.2 | 0.4 |");
		assertThat(md).contains("| | agent idle, container flags | agent streams-64, container flags | "
				+ "frontend idle, container flags | agent idle, JVM defaults | frontend idle, JVM defaults | "
				+ "agent completions-64, peer race flags | \n");
		assertThat(md).contains("then the frontend with `MALLOC_ARENA_MAX=2 -XX:MaxRAM=768m -XX:Native");
		assertThat(md).contains("in the columns of the JVM's defaults, with `-XX:NativeMemoryTracking=summary`");
		assertThat(md).contains("The apps started one at a time: the agent with `MALLOC_ARENA_MAX=2 -XX:MaxRAM=512m "
				+ "-XX:NativeMemoryTracking=summary` (the container profile's flags");
		assertThat(md).contains("; then the agent as the peer race runs it, in the columns of the peer race's flags, "
				+ "with `MALLOC_ARENA_MAX=2 -XX:MaxRAM=512m -XX:+UseSerialGC -XX:NativeMemoryTracking=summary`");
		assertThat(md).contains("| heap the JVM started with (InitialHeapSize) | 8 | – | – | 380 | – | – | \n");
		assertThat(md).contains("| heap it may grow to (MaxHeapSize) | 300 | – | – | 6000 | – | – | \n");
		assertThat(md).contains("| JVM: Java Heap | 100 | – | – | 100 | – | ");
		assertThat(md).contains("| JVM: 2 more categories, each under 1 MiB | 0 | – | ");
		assertThat(md).doesNotContain("JVM: Safepoint");
		assertThat(md).contains("| **JVM committed, total** | 200 | – | ");
		assertThat(md).contains("| **resident (RSS)** | 300 | 420 | 140 | 350 | 230 | 400 | \n");
		assertThat(md).contains("| **anonymous beyond the JVM's committed (native libraries), at least** | 60 | – | ");
		assertThat(md).contains("Under 64 streams the agent's resident memory peaked at 450 MiB");
		assertThat(md)
			.contains("With the JVM's defaults, under 64 streams the agent's resident memory peaked at 900 MiB");
		assertThat(md).contains("| relay: agent direct | 100 | the 2nd slowest | 10.0 / 14.0 |");
		assertThat(md).contains("the machine has 2 cores, 200 %");
		assertThat(md).contains("| scenario | concurrency | agent % | frontend % | load generator % | all % |\n"
				+ "|---|---|---|---|---|---|\n| relay: agent direct | 1 | 80 | 30 | 10 | 120 |\n");
		// the same comparison as the target's row: within the error, not established
		assertThat(md).contains("- `clientChat` − 105 % of `rawChat` = 1050 − 1050 = +0 us/op; their errors add up "
				+ "to ± 15 us/op: within the error, not established");
	}

	@Test
	void stepsThatDidNotRunSaySo() throws IOException {
		Path page = this.dir.resolve("benchmarks.md");
		RunData empty = new RunData(Map.of("peer.note", "LiteLLM 9.9 did not install: no such version"), List.of(),
				List.of(), "", List.of(), "", List.of(), List.of(), Breakdown.NONE);
		BenchmarkPage.write(empty, page, this.dir.resolve("images"));
		String md = Files.readString(page, StandardCharsets.UTF_8);
		assertThat(md).contains("Not run: LiteLLM 9.9 did not install: no such version");
		assertThat(md).contains("| 6 | lower overhead than the peer at every concurrency | – | not measured |");
		assertThat(md).contains("Not run (--no-jmh).");
		assertThat(md).doesNotContain("![");
	}

	private static RunData data() {
		Map<String, String> run = Map.ofEntries(Map.entry("command", "benchmark.sh --report docs/benchmarks.md"),
				Map.entry("started", "2026-12-04 23:00 UTC"), Map.entry("finished", "2026-12-04 23:10 UTC"),
				Map.entry("machine.cores", "2"), Map.entry("machine.cpu", "Test CPU"),
				Map.entry("machine.memory", "8 GiB"), Map.entry("machine.os", "Debian"),
				Map.entry("machine.jdk", "OpenJDK 17"), Map.entry("load.start", "1.00 0.50 0.25"),
				Map.entry("load.end", "2.00 1.00 0.50"), Map.entry("command.1", "mvn package"),
				Map.entry("command.2", "java -jar agent.jar"),
				Map.entry("setting.1", "Agent: rate limit raised, one client address"),
				Map.entry("memory.flags", "MALLOC_ARENA_MAX=2 -XX:MaxRAM=512m -XX:NativeMemoryTracking=summary"),
				Map.entry("memory.frontend.flags",
						"MALLOC_ARENA_MAX=2 -XX:MaxRAM=768m -XX:NativeMemoryTracking=summary"),
				Map.entry("memory.defaults.flags", " -XX:NativeMemoryTracking=summary"), Map.entry("memory.peer.flags",
						"MALLOC_ARENA_MAX=2 -XX:MaxRAM=512m -XX:+UseSerialGC -XX:NativeMemoryTracking=summary"));
		List<ResultRow> load = new ArrayList<>();
		for (int c : new int[] { 1, 16 }) {
			load.add(row("relay: agent direct", c, 10, 14, 300));
			load.add(row("relay: via frontend", c, 11, 20, 310));
		}
		List<ResultRow> peer = List.of(row("completions: upstream", 1, 20, 22, 60),
				row("completions: agent", 1, 22, 31, 250), row("completions: litellm", 1, 25, 30, 600));
		return new RunData(run,
				List.of(new StartupRow("defaults", "", "-Xmx256m", 1500, 1200, 280, 140, 390, 150, "0.1 0.1 0.1", ""),
						new StartupRow("run-local", "-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=1", 1900, 900,
								250, 120, 380, 140, "0.2 0.1 0.1", "")),
				load, "### Load\n\n- the load generator's own report\n", peer, "### Peer race\n",
				List.of(new PeerMemory("agent", "jar", 250, 320), new PeerMemory("litellm", "1.106.12", 600, 700)),
				List.of(new JmhScore("clientChat", 1050, 10, "us/op"), new JmhScore("rawChat", 1000, 5, "us/op")),
				breakdown());
	}

	private static Breakdown breakdown() {
		String agent = BreakdownTests.stat(100, "java", 400, 100) + BreakdownTests.stat(100, "java", 0, 0)
				+ BreakdownTests.stat(101, "java", 280, 20) + BreakdownTests.stat(102, "C2 CompilerThre", 80, 0)
				+ BreakdownTests.stat(103, "GC Thread#0", 10, 0);
		NativeMemory idle = NativeMemory
			.parse("Total: reserved=900000KB, committed=204800KB\n-                 Java Heap (reserved=524288KB, "
					+ "committed=102400KB)\n-                     Class (reserved=1000KB, committed=51200KB)\n"
					+ "-                 Safepoint (reserved=8KB, committed=8KB)\n"
					+ "-                    Module (reserved=266KB, committed=266KB)\n");
		return new Breakdown(Map.of("defaults/agent", ThreadCpu.parse(agent)),
				Map.of("defaults/agent", new ClassLoading(11000, 10000, 1100, 500, 200)),
				List.of(new MemoryPhase("idle", 300, 260, 40, 310, Optional.of(idle),
						Optional.of(new HeapSizes(8L << 20, 300L << 20))),
						new MemoryPhase("streams-64", 420, 380, 40, 430, Optional.empty(), Optional.empty()),
						new MemoryPhase("frontend-idle", 140, 110, 30, 150, Optional.empty(), Optional.empty()),
						new MemoryPhase("defaults-idle", 350, 310, 40, 360, Optional.of(idle),
								Optional.of(new HeapSizes(380L << 20, 6000L << 20))),
						new MemoryPhase("frontend-defaults-idle", 230, 200, 30, 240, Optional.empty(),
								Optional.empty()),
						new MemoryPhase("peer-completions-64", 400, 360, 40, 410, Optional.empty(), Optional.empty())),
				List.of(row("stream", 64, 20, 200, 450)), List.of(row("stream", 64, 20, 200, 900)),
				ThreadsTable.parse(BreakdownTests.THREADS));
	}

	private static ResultRow row(String scenario, int concurrency, double firstP50, double firstP99, double rss) {
		return new ResultRow(scenario, "POST /x", concurrency, 100, 0, 50, firstP50 * 3, firstP50 * 4, firstP99 * 4,
				firstP99 * 5, firstP50, firstP50 + 1, firstP99, Map.of("agent", rss),
				Map.of("load generator", 10.0, "frontend", 30.0, "agent", 80.0));
	}

}

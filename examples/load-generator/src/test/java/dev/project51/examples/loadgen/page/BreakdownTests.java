package dev.project51.examples.loadgen.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.project51.examples.loadgen.report.ThreadsTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BreakdownTests {

	/**
	 * The start of {@code jcmd PID VM.native_memory summary} of a JDK 17, as it prints
	 * it.
	 */
	private static final String SUMMARY = """
			12345:

			Native Memory Tracking:

			(Omitting categories weighting less than 1KB)

			Total: reserved=1718416KB, committed=411648KB
			       malloc: 12958KB #62046
			       mmap:   reserved=7832392KB, committed=474800KB

			-                 Java Heap (reserved=393216KB, committed=145408KB)
			                            (mmap: reserved=393216KB, committed=145408KB)

			-                     Class (reserved=1056894KB, committed=11646KB)
			                            (classes #2550)

			-    Native Memory Tracking (reserved=983KB, committed=983KB)
			                            (tracking overhead=969KB)
			""";

	/**
	 * A threads table of a relay run at 64: the direct row, then the frontend's row.
	 */
	/**
	 * Part of {@code jstat -J-Djstat.showUnsupported=true -snap} of the frontend at
	 * readiness with its class data archive (JDK 17).
	 */
	static final String SNAP = """
			java.cls.loadedClasses=1092
			java.cls.sharedLoadedClasses=8715
			sun.cls.appClassLoadTime=262887490
			sun.cls.classInitTime=592714664
			sun.cls.classInitTime.self=534340010
			sun.cls.classLinkedTime=160325318
			sun.cls.classLinkedTime.self=90116056
			sun.cls.classVerifyTime=30336172
			sun.cls.classVerifyTime.self=18799881
			sun.cls.time=923323637
			sun.os.hrt.frequency=1000000000
			""";

	static final String THREADS = """
			scenario	concurrency	ok	seconds	process	thread group	threads	CPU ms	switches
			relay: agent direct	64	1000	10.0	agent	project51-local*	64	6000	60000
			relay: agent direct	64	1000	10.0	agent	Tomcat (http-nio-*)	66	4000	40000
			relay: agent direct	64	1000	10.0	load generator	JDK HttpClient selector	30	3000	200000
			relay: agent direct	64	1000	10.0	frontend	Catalina-utilit	2	10	100
			relay: via frontend	64	800	10.0	agent	project51-local*	64	4800	48000
			relay: via frontend	64	800	10.0	frontend	project51-front*	67	3200	48000
			relay: via frontend	64	800	10.0	frontend	JIT compilers	2	2400	8000
			relay: via frontend	64	800	10.0	frontend	JDK HttpClient selector	1	1600	32000
			relay: via frontend	64	800	10.0	frontend	Tomcat (http-nio-*)	66	760	8000
			relay: via frontend	64	800	10.0	frontend	GC and VM thread	8	30	300
			relay: via frontend	64	800	10.0	frontend	Sweeper thread	1	10	100
			relay: via frontend	16	300	10.0	frontend	project51-front*	20	900	9000
			""";

	@TempDir
	Path dir;

	@Test
	void threadsAreGroupedByNameAndEndedThreadsCountAsOther() {
		ThreadCpu cpu = ThreadCpu
			.parse(stat(4242, "java", 500, 100) + stat(4242, "java", 1, 0) + stat(4243, "java", 150, 20)
					+ stat(4244, "C2 CompilerThre", 90, 10) + stat(4245, "C1 CompilerThre", 30, 0)
					+ stat(4246, "GC Thread#0", 20, 5) + stat(4247, "G1 Refine#0", 1, 0) + stat(4248, "VM Thread", 3, 1)
					+ stat(4249, "http-nio-8080-e (x) y", 50, 5));
		assertThat(cpu).isEqualTo(new ThreadCpu(6000, 1710, 1300, 300, 2690));
	}

	@Test
	void thisJvmsOwnThreadsAreRead() throws IOException {
		Path self = Path.of("/proc/self");
		StringBuilder dump = new StringBuilder(Files.readString(self.resolve("stat"), StandardCharsets.US_ASCII));
		try (Stream<Path> tasks = Files.list(self.resolve("task"))) {
			for (Path task : tasks.toList()) {
				dump.append(Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII));
			}
		}
		ThreadCpu cpu = ThreadCpu.parse(dump.toString());
		// the test runs on the JVM's main thread (named java), which loaded every class
		// so far
		assertThat(cpu.mainMs()).isPositive();
		assertThat(cpu.totalMs()).isGreaterThanOrEqualTo(cpu.mainMs() + cpu.compilerMs() + cpu.gcMs());
	}

	@Test
	void aLineThatIsNotAStatLineIsRefusedWithWhatItWas() {
		assertThatIllegalArgumentException().isThrownBy(() -> ThreadCpu.parse("cat: /proc/1/stat: No such file"))
			.withMessageContaining("not a /proc stat line: cat: /proc/1/stat");
	}

	@Test
	void nativeMemoryTrackingSummaryIsReadByCategory() {
		NativeMemory memory = NativeMemory.parse(SUMMARY);
		assertThat(memory.totalMib()).isEqualTo(402.0);
		assertThat(memory.committedKib()).containsExactly(org.assertj.core.api.Assertions.entry("Java Heap", 145408L),
				org.assertj.core.api.Assertions.entry("Class", 11646L),
				org.assertj.core.api.Assertions.entry("Native Memory Tracking", 983L));
		assertThat(memory.mib("Java Heap")).isEqualTo(142.0);
		assertThat(memory.mib("Symbol")).isZero();
	}

	@Test
	void classLoadingCountersAreReadFromJstatsSnapshotInMilliseconds() {
		ClassLoading classes = ClassLoading.parse(SNAP);
		assertThat(classes).isEqualTo(new ClassLoading(9807, 8715, 923, 534, 109));
		assertThat(classes.loadingMs()).isEqualTo(280);
	}

	@Test
	void aSnapshotWithoutTheClassCountersIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClassLoading.parse("sun.os.hrt.frequency=1000000000\n"))
			.withMessage("no counter java.cls.sharedLoadedClasses in the jstat -snap output");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClassLoading.parse(SNAP.replace("sun.cls.time=923323637", "sun.cls.time=soon")))
			.withMessage("counter sun.cls.time is not a number: soon");
	}

	@Test
	void aSummaryOfAJvmWithoutTrackingIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NativeMemory.parse("12345:\nNative memory tracking is not enabled\n"))
			.withMessageContaining("not a Native Memory Tracking summary");
	}

	@Test
	void aResultsDirectoryIsReadAndMissingFilesGiveEmptyParts() throws IOException {
		assertThat(Breakdown.read(this.dir)).isEqualTo(Breakdown.NONE);
		Files.writeString(this.dir.resolve("cpu-appcds-agent.txt"), stat(1, "java", 100, 0) + stat(1, "java", 50, 0));
		Files.writeString(this.dir.resolve("cpu-run-local-frontend.txt"), stat(2, "java", 70, 0));
		Files.writeString(this.dir.resolve("cpu-appcds-agent.log"), "not a reading");
		Files.writeString(this.dir.resolve("classes-aot-cache-frontend.txt"), SNAP);
		Files.writeString(this.dir.resolve("memory-profile.tsv"), "phase\tRSS MiB\tanonymous MiB\tfile MiB\tpeak MiB\n"
				+ "idle\t480\t440\t40\t500\nstreams-64\t530\t490\t40\t540\n");
		Files.writeString(this.dir.resolve("nmt-idle.txt"), SUMMARY);
		Files.writeString(this.dir.resolve("nmt-streams-64.txt"), "12345:\nNative memory tracking is not enabled\n");
		Files.writeString(this.dir.resolve("flags-idle.txt"), "12345:\n-XX:CICompilerCount=2 -XX:InitialHeapSize="
				+ "398458880 -XX:MaxHeapSize=6320816128 -XX:+UseG1GC\n");
		Files.writeString(this.dir.resolve("memory-load-defaults.tsv"),
				"scenario\tendpoint\tconcurrency\tok\tfailures\treq/s\tp50 ms\tp95 ms\tp99 ms\tmax ms"
						+ "\tfirst token p50 ms\tfirst token p95 ms\tfirst token p99 ms\tpeak RSS MiB agent\n"
						+ "stream\tPOST /api/v1/chat/stream\t64\t800\t0\t80.000\t1.000\t2.000\t3.000\t4.000"
						+ "\t1.000\t2.000\t3.000\t574.500\n");
		Breakdown breakdown = Breakdown.read(this.dir);
		assertThat(breakdown.startupCpu()).containsOnlyKeys("appcds/agent", "run-local/frontend");
		assertThat(breakdown.cpu("appcds", "agent")).contains(new ThreadCpu(1000, 500, 0, 0, 500));
		assertThat(breakdown.cpu("appcds", "frontend")).isEmpty();
		assertThat(breakdown.startupCpu()).doesNotContainKey("aot-cache/frontend");
		assertThat(breakdown.classes("aot-cache", "frontend")).contains(ClassLoading.parse(SNAP));
		assertThat(breakdown.classes("appcds", "agent")).isEmpty();
		List<MemoryPhase> memory = breakdown.memory();
		assertThat(memory).extracting(MemoryPhase::phase).containsExactly("idle", "streams-64");
		assertThat(memory.get(0).untrackedMib()).isEqualTo(38.0);
		assertThat(memory.get(1).nmt()).isEmpty();
		assertThat(memory.get(1).untrackedMib()).isNaN();
		assertThat(memory.get(1).peakMib()).isEqualTo(540.0);
		assertThat(memory.get(0).heap()).contains(new HeapSizes(398458880L, 6320816128L));
		assertThat(memory.get(0).heap().get().initialMib()).isEqualTo(380.0);
		assertThat(memory.get(1).heap()).isEmpty();
		assertThat(breakdown.memoryLoad()).isEmpty();
		assertThat(breakdown.memoryLoadDefaults()).singleElement()
			.satisfies((row) -> assertThat(row.peakRssMib()).containsEntry("agent", 574.5));
	}

	@Test
	void theLoadRunsThreadsAreReadWhenTheRunWroteThem() throws IOException {
		Files.writeString(this.dir.resolve("threads.tsv"), THREADS);
		List<ThreadsTable.Row> threads = Breakdown.read(this.dir).loadThreads();
		assertThat(threads).hasSize(12);
		assertThat(threads.get(5).process()).isEqualTo("frontend");
		assertThat(threads.get(5).use().cpu()).isEqualTo(Duration.ofMillis(3200));
		assertThat(threads.get(5).use().switches()).isEqualTo(48000);
	}

	@Test
	void theRelayRowsAtTheHighestConcurrencyAreShownPerAnswer() {
		StringBuilder md = new StringBuilder();
		ThreadsSection.write(ThreadsTable.parse(THREADS), md);
		String text = md.toString();
		assertThat(text).contains("### Under load: where the apps' CPU time goes, by thread")
			.contains("The relay rows at concurrency 64")
			.contains("| relay: via frontend | frontend | project51-front* | 67 | 4.00 | 40 % | 60.0 |")
			.contains("| relay: via frontend | frontend | JIT compilers | 2 | 3.00 | 30 % | 10.0 |")
			.contains("| relay: via frontend | frontend | others (2 groups) |  | 0.05 | 1 % | 0.5 |")
			.contains("relay: via frontend, frontend: 10.0 ms of CPU and 121 switches per answer")
			.contains("relay: agent direct, agent: 10.0 ms of CPU and 100 switches per answer")
			// the load generator is not an app; concurrency 16 is not the highest
			.doesNotContain("| load generator |")
			// the frontend idles while the agent is called directly
			.doesNotContain("| relay: agent direct | frontend |")
			.doesNotContain("| 20 |");
	}

	@Test
	void withoutThreadsThereIsNoThreadsTable() {
		StringBuilder md = new StringBuilder();
		ThreadsSection.write(List.of(), md);
		assertThat(md).isEmpty();
	}

	/**
	 * One line in the format of {@code /proc/PID/stat}.
	 */
	static String stat(long pid, String name, long utime, long stime) {
		return pid + " (" + name + ") S 1 1 1 0 -1 4194560 100 0 0 0 " + utime + " " + stime
				+ " 0 0 20 0 30 0 1000 5000000 2000\n";
	}

}

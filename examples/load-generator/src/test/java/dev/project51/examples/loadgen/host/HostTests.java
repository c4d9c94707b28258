package dev.project51.examples.loadgen.host;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HostTests {

	@TempDir
	Path dir;

	private volatile long sink;

	@Test
	void residentMemoryIsReadFromProcStatus() throws IOException {
		Path status = this.dir.resolve("status");
		Files.writeString(status, "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  409600 kB\nVmRSS:\t  307200 kB\n");
		ProcessMemory memory = new ProcessMemory(status);
		assertThat(memory.rss()).hasValue(300L * 1024 * 1024);
		assertThat(memory.peakRss()).hasValue(400L * 1024 * 1024);
	}

	@Test
	void aProcessThatIsGoneHasNoMemory() {
		assertThat(new ProcessMemory(this.dir.resolve("missing")).rss()).isEmpty();
	}

	@Test
	void thisProcessHasResidentMemory() {
		assertThat(new ProcessMemory(ProcessHandle.current().pid()).rss().orElse(0)).isGreaterThan(1024 * 1024);
	}

	@Test
	void theSamplerKeepsThePeakUntilReset() throws IOException {
		Path status = this.dir.resolve("status");
		try (RssSampler sampler = new RssSampler(Map.of("app", new ProcessMemory(status)), Duration.ofHours(1))) {
			Files.writeString(status, "VmRSS:\t 2048 kB\n");
			sampler.sample();
			Files.writeString(status, "VmRSS:\t 1024 kB\n");
			sampler.sample();
			assertThat(sampler.peaks()).containsEntry("app", 2048L * 1024);
			sampler.reset();
			sampler.sample();
			assertThat(sampler.peaks()).containsEntry("app", 1024L * 1024);
			assertThat(sampler.names()).containsExactly("app");
		}
	}

	@Test
	void cpuTimeIsUserPlusSystemTicksFromProcStat() throws IOException {
		Path stat = this.dir.resolve("stat");
		// utime 250 and stime 50 ticks (fields 14 and 15); the name holds a space and ')'
		Files.writeString(stat, "4242 (a (b) c) S 1 4242 4242 0 -1 4194304 99 0 0 0 250 50 7 9 20 0 1 0 12 0 0\n");
		assertThat(new ProcessCpu(stat).time()).hasValue(Duration.ofMillis(3000));
		Files.writeString(stat, "4242 (java) S 1 4242\n");
		assertThat(new ProcessCpu(stat).time()).isEmpty();
	}

	@Test
	void aProcessThatIsGoneHasNoCpuTime() {
		assertThat(new ProcessCpu(Long.MAX_VALUE).time()).isEmpty();
		assertThat(new ProcessCpu(this.dir.resolve("missing")).time()).isEmpty();
	}

	@Test
	void theCpuTimeOfThisProcessGrowsByWhatThisThreadBurns() {
		ProcessCpu cpu = new ProcessCpu(ProcessHandle.current().pid());
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Duration before = cpu.time().orElseThrow();
		long burnt = burn(threads, Duration.ofMillis(200));
		// the process's time counts this thread's and is cut to 10 ms ticks
		assertThat(cpu.time().orElseThrow().minus(before)).isGreaterThan(Duration.ofNanos(burnt).minusMillis(50));
	}

	@Test
	void theMeterDividesCpuTimeByWallTime() throws IOException {
		Path stat = this.dir.resolve("stat");
		AtomicLong nanos = new AtomicLong();
		CpuMeter meter = new CpuMeter(Map.of("app", new ProcessCpu(stat), "gone", new ProcessCpu(this.dir)),
				nanos::get);
		Files.writeString(stat, "1 (app) S 0 1 1 0 -1 0 0 0 0 0 100 20 0 0\n");
		meter.start();
		nanos.addAndGet(Duration.ofSeconds(10).toNanos());
		// 15 s of CPU time in 10 s: one and a half cores
		Files.writeString(stat, "1 (app) S 0 1 1 0 -1 0 0 0 0 0 1300 320 0 0\n");
		assertThat(meter.percentages()).containsOnlyKeys("app").containsEntry("app", 150.0);
	}

	@Test
	void threadsAreGroupedByTheirNameWithoutItsNumber() {
		assertThat(ThreadGroups.of("C2 CompilerThre")).isEqualTo(ThreadGroups.JIT);
		assertThat(ThreadGroups.of("C1 CompilerThre")).isEqualTo(ThreadGroups.JIT);
		assertThat(ThreadGroups.of("GC Thread#3")).isEqualTo(ThreadGroups.GC);
		assertThat(ThreadGroups.of("G1 Conc#0")).isEqualTo(ThreadGroups.GC);
		assertThat(ThreadGroups.of("VM Thread")).isEqualTo(ThreadGroups.GC);
		assertThat(ThreadGroups.of("http-nio-18081-")).isEqualTo(ThreadGroups.TOMCAT);
		assertThat(ThreadGroups.of("HttpClient-1-Se")).isEqualTo(ThreadGroups.HTTP_CLIENT);
		assertThat(ThreadGroups.of("project51-front")).isEqualTo("project51-front");
		assertThat(ThreadGroups.of("pool-12-thread-")).isEqualTo("pool-12-thread*");
		assertThat(ThreadGroups.of("Finalizer")).isEqualTo("Finalizer");
	}

	@Test
	void theThreadMeterSumsEachGroupsCpuTimeAndSwitchesSinceItsStart() throws IOException {
		Path app = this.dir.resolve("app");
		task(app, 10, "java", 50, 1, 2);
		task(app, 11, "http-nio-8080-", 100, 10, 5);
		task(app, 12, "http-nio-8080-", 20, 3, 0);
		task(app, 13, "pool-1-thread-1", 40, 4, 0);
		Files.writeString(app.resolve("stat"), "1 (java) S 0 1 1 0 -1 0 0 0 0 0 300 10 0 0\n");
		ThreadMeter meter = new ThreadMeter(Map.of("app", app, "gone", this.dir.resolve("missing")));
		meter.start();
		task(app, 11, "http-nio-8080-", 150, 30, 6);
		task(app, 12, "http-nio-8080-", 30, 3, 1);
		// thread 13 ended; thread 14 started
		Files.delete(app.resolve("task/13/stat"));
		task(app, 14, "pool-1-thread-2", 25, 7, 0);
		// the process: 1,000 ms more, of which the threads alive now used 500 + 100 + 250
		Files.writeString(app.resolve("stat"), "1 (java) S 0 1 1 0 -1 0 0 0 0 0 390 20 0 0\n");
		assertThat(meter.use()).containsOnlyKeys("app");
		assertThat(meter.use().get("app")).containsExactly(
				new ThreadUse(ThreadGroups.TOMCAT, 2, Duration.ofMillis(600), 22),
				new ThreadUse("pool-1-thread*", 1, Duration.ofMillis(250), 7),
				new ThreadUse(ThreadUse.ENDED, 0, Duration.ofMillis(150), 0),
				new ThreadUse("java", 1, Duration.ZERO, 0));
	}

	@Test
	void theThreadMeterReadsThisProcess() {
		ThreadMeter meter = ThreadMeter.of(Map.of("self", ProcessHandle.current().pid()));
		meter.start();
		burn(ManagementFactory.getThreadMXBean(), Duration.ofMillis(200));
		List<ThreadUse> use = meter.use().get("self");
		// the JUnit thread is named after the launcher's main thread
		assertThat(use).anySatisfy((group) -> {
			assertThat(group.cpu()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
			assertThat(group.threads()).isPositive();
		});
	}

	/** A thread's stat and status files in a copy of {@code /proc/PID}. */
	private static void task(Path process, int tid, String name, long ticks, long voluntary, long involuntary)
			throws IOException {
		Path task = Files.createDirectories(process.resolve("task").resolve(Integer.toString(tid)));
		Files.writeString(task.resolve("stat"), tid + " (" + name + ") S 0 1 1 0 -1 0 0 0 0 0 " + ticks + " 0 0 0\n");
		Files.writeString(task.resolve("status"), "Name:\t" + name + "\nvoluntary_ctxt_switches:\t" + voluntary
				+ "\nnonvoluntary_ctxt_switches:\t" + involuntary + "\n");
	}

	@Test
	void theLoadAverageIsTheFirstThreeFields() throws IOException {
		Path loadavg = this.dir.resolve("loadavg");
		Files.writeString(loadavg, "0.52 0.61 0.40 2/345 6789\n");
		assertThat(LoadAverage.read(loadavg)).hasValue("0.52 0.61 0.40");
		assertThat(LoadAverage.read(this.dir.resolve("missing"))).isEmpty();
	}

	/** Busy work on this thread until it used at least the given CPU time. */
	private long burn(ThreadMXBean threads, Duration cpu) {
		long start = threads.getCurrentThreadCpuTime();
		while (threads.getCurrentThreadCpuTime() - start < cpu.toNanos()) {
			for (int i = 0; i < 100_000; i++) {
				this.sink = this.sink * 31 + i;
			}
		}
		return threads.getCurrentThreadCpuTime() - start;
	}

}

package dev.project51.examples.loadgen.host;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

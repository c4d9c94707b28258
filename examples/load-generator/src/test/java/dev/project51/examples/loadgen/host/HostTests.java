package dev.project51.examples.loadgen.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HostTests {

	@TempDir
	Path dir;

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
	void theLoadAverageIsTheFirstThreeFields() throws IOException {
		Path loadavg = this.dir.resolve("loadavg");
		Files.writeString(loadavg, "0.52 0.61 0.40 2/345 6789\n");
		assertThat(LoadAverage.read(loadavg)).hasValue("0.52 0.61 0.40");
		assertThat(LoadAverage.read(this.dir.resolve("missing"))).isEmpty();
	}

}

package dev.project51.examples.loadgen.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunDataTests {

	@TempDir
	Path dir;

	@Test
	void readsWhatTheScriptWrites() throws IOException {
		Files.writeString(this.dir.resolve("run.properties"), """
				command=examples/load-generator/benchmark.sh --report docs/benchmarks.md
				machine.cores=2
				command.2=java -jar agent.jar
				command.10=java -cp x BenchmarkPage
				command.1=mvn -B -o package
				setting.1=defaults
				machine.cpu=C:\\\\cpu = fast
				""");
		Files.writeString(this.dir.resolve("startup.tsv"),
				"""
						profile\tagent flags\tfrontend flags\tagent ready ms\tfrontend ready ms\tagent idle MiB\tfrontend idle MiB\tagent peak MiB\tfrontend peak MiB\tload avg before\tnote
						defaults\t\t\t1900\t800\t280\t140\t390\t150\t0.50 0.40 0.30\t
						render\t-Xmx1g\t\t-\t-\t-\t-\t-\t-\t1.00 1.00 1.00\tnot run: no memory cgroup (needs root)
						""");
		Files.writeString(this.dir.resolve("peer-memory.tsv"),
				"process\tversion\tidle RSS MiB\tpeak RSS MiB\nagent\tjar\t250\t320\nlitellm\t1.106.12\t600\t700\n");
		Files.writeString(this.dir.resolve("jmh.csv"), """
				"Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: tokens"
				"dev.project51.benchmarks.client.AgentClientBenchmark.clientChat","avgt",1,3,1067.5,NaN,"us/op",20
				"dev.project51.benchmarks.client.AgentClientBenchmark.rawChat","avgt",1,3,1000.0,12.5,"us/op",20
				""");
		RunData data = RunData.read(this.dir);
		assertThat(data.get("machine.cores", "?")).isEqualTo("2");
		assertThat(data.get("machine.cpu", "?")).isEqualTo("C:\\cpu = fast");
		assertThat(data.get("missing", "?")).isEqualTo("?");
		assertThat(data.numbered("command.")).containsExactly("mvn -B -o package", "java -jar agent.jar",
				"java -cp x BenchmarkPage");
		assertThat(data.startup()).hasSize(2);
		StartupRow defaults = data.startup().get(0);
		assertThat(defaults.agentReadyMs()).isEqualTo(1900);
		assertThat(defaults.frontendIdleMib()).isEqualTo(140.0);
		assertThat(defaults.agentFlags()).isEmpty();
		StartupRow render = data.startup().get(1);
		assertThat(render.agentReadyMs()).isEqualTo(-1);
		assertThat(render.agentIdleMib()).isNaN();
		assertThat(render.note()).startsWith("not run");
		assertThat(data.peerMemory()).extracting(PeerMemory::name).containsExactly("agent", "litellm");
		assertThat(data.jmh()).containsExactly(new JmhScore("clientChat", 1067.5, Double.NaN, "us/op"),
				new JmhScore("rawChat", 1000.0, 12.5, "us/op"));
		assertThat(data.load()).isEmpty();
		assertThat(data.peer()).isEmpty();
		assertThat(data.loadMarkdown()).isEmpty();
	}

	@Test
	void aMissingDirectoryGivesNothingAndAMalformedLineSaysWhere() throws IOException {
		RunData empty = RunData.read(this.dir.resolve("none"));
		assertThat(empty.startup()).isEmpty();
		assertThat(empty.jmh()).isEmpty();
		Files.writeString(this.dir.resolve("startup.tsv"), "header\ndefaults\t1\n");
		assertThatIllegalArgumentException().isThrownBy(() -> RunData.read(this.dir))
			.withMessageContaining("line 2 has 2 cells, expected 11");
		Files.writeString(this.dir.resolve("startup.tsv"), "header\n");
		Files.writeString(this.dir.resolve("peer-memory.tsv"), "header\nagent\tjar\tlots\t1\n");
		assertThatIllegalArgumentException().isThrownBy(() -> RunData.read(this.dir))
			.withMessageContaining("'lots' is not a number");
	}

}

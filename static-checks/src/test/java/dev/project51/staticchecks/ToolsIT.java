package dev.project51.staticchecks;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.project51.testsupport.tools.Command;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tools are the versions the root pom pins, and the cache works: once they are
 * installed, install.sh installs nothing.
 */
class ToolsIT {

	@Test
	void toolsAreTheVersionsOfTheRootPom() throws IOException {
		String pom = Files.readString(Repository.root().resolve("pom.xml"));
		Command.Result actionlint = Command.of(Tools.actionlint().toString(), "-version")
			.in(Repository.root())
			.timeout(Duration.ofMinutes(1))
			.run();
		assertThat(actionlint.output()).as(actionlint.describe())
			.startsWith(property(pom, "actionlint.version") + "\n");
		Command.Result checkov = Command.of(Tools.checkov().toString(), "--version")
			.env("CKV_SKIP_PACKAGE_UPDATE_CHECK", "true")
			.in(Repository.root())
			.timeout(Duration.ofMinutes(1))
			.run();
		assertThat(checkov.output().strip()).as(checkov.describe()).isEqualTo(property(pom, "checkov.version"));
		Command.Result schemathesis = Command.of(Tools.schemathesis().toString(), "--version")
			.in(Repository.root())
			.timeout(Duration.ofMinutes(1))
			.run();
		assertThat(schemathesis.output().strip()).as(schemathesis.describe())
			.isEqualTo("st, version " + property(pom, "schemathesis.version"));
		// promtool reports Prometheus' release: module v0.316.0 is Prometheus 3.16.0.
		String module = property(pom, "promtool.version");
		String minor = module.substring("v0.".length(), module.lastIndexOf('.'));
		String release = minor.charAt(0) + "." + Integer.parseInt(minor.substring(1))
				+ module.substring(module.lastIndexOf('.'));
		Command.Result promtool = Command.of(Tools.promtool().toString(), "--version")
			.in(Repository.root())
			.timeout(Duration.ofMinutes(1))
			.run();
		assertThat(promtool.output()).as(promtool.describe()).startsWith("promtool, version " + release + " ");
	}

	@Test
	void secondInstallInstallsNothing() {
		Tools.checkov();
		Command.Result result = Tools.runInstallScript();
		assertThat(result.exitCode()).as(result.describe()).isZero();
		assertThat(result.output()).as(result.describe())
			.doesNotContain("install: building")
			.doesNotContain("install: installing")
			.contains("tools ready");
	}

	private static String property(String pom, String name) {
		Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
		assertThat(matcher.find()).as("%s in the root pom", name).isTrue();
		return matcher.group(1);
	}

}

package dev.project51.server.internal.connector;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Gives Tomcat a base directory that this application deletes when it stops. Left to
 * itself, Spring Boot creates {@code tomcat.<port>.<random>} in {@code java.io.tmpdir} on
 * every start and only asks the JVM to delete it at exit, which fails because Tomcat has
 * written its work directory into it: every start left one behind. Not applied when
 * {@code server.tomcat.basedir} is set (its customizer runs later and wins).
 */
public final class TomcatBaseDirectory
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, DisposableBean, Ordered {

	private final String prefix;

	private volatile Path directory;

	/**
	 * A customizer naming its directories after the application.
	 * @param prefix the start of the directory's name, e.g. {@code project51-agent-}
	 */
	public TomcatBaseDirectory(String prefix) {
		this.prefix = prefix;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		try {
			Path created = Files.createTempDirectory(this.prefix + "tomcat-");
			this.directory = created;
			factory.setBaseDirectory(created.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create Tomcat's base directory in java.io.tmpdir ("
					+ System.getProperty("java.io.tmpdir") + "); make it writable or set server.tomcat.basedir", ex);
		}
	}

	/**
	 * Deletes the directory; the server has stopped by the time beans are destroyed.
	 */
	@Override
	public void destroy() {
		Path created = this.directory;
		if (created == null || !Files.exists(created)) {
			return;
		}
		try (Stream<Path> files = Files.walk(created)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// best effort: a leftover in the temp directory harms nothing
		}
	}

	@Override
	public int getOrder() {
		// Before Spring Boot's own customizer, so that server.tomcat.basedir still wins.
		return Ordered.HIGHEST_PRECEDENCE;
	}

	Path directory() {
		return this.directory;
	}

}

package dev.project51.kubernetes.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Kubernetes control plane. Use it with
 * {@code @ExtendWith(ControlPlaneExtension.class)} and take a {@link ControlPlane} as a
 * parameter of a test, lifecycle method or constructor.
 * <p>
 * The first test class that asks for it builds the binaries if they are not cached yet
 * ({@code control-plane/build.sh}: minutes the first time, nothing after that) and starts
 * one control plane for the whole test JVM. A build or start failure fails the tests with
 * the build's or the component's output: they are never skipped. The control plane is
 * stopped and its directory deleted when the test run ends (JUnit closes it from the root
 * store, also after failed tests), when the JVM shuts down (a shutdown hook), and, should
 * the JVM be killed, by a watchdog that start.sh runs beside it.
 * <p>
 * The scripts are found through the system property {@value #SCRIPTS_PROPERTY}, or else
 * as {@code kubernetes-tests/control-plane} in the working directory or one of its
 * parents, so the tests of any module of this repository can use it. The first build may
 * take up to {@value #BUILD_TIMEOUT_PROPERTY} minutes (default 60).
 *
 * @since 0.1.0
 */
public final class ControlPlaneExtension implements BeforeAllCallback, ParameterResolver {

	/** The system property naming the {@code control-plane} scripts directory. */
	public static final String SCRIPTS_PROPERTY = "project51.control.plane.scripts";

	/** The system property with the build timeout in minutes. */
	public static final String BUILD_TIMEOUT_PROPERTY = "project51.control.plane.build.timeout.minutes";

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(ControlPlaneExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		controlPlane(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == ControlPlane.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
			throws ParameterResolutionException {
		return controlPlane(extensionContext);
	}

	private static ControlPlane controlPlane(ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(ControlPlane.class, (key) -> startWithShutdownHook(), ControlPlane.class);
	}

	private static ControlPlane startWithShutdownHook() {
		long minutes = Long.getLong(BUILD_TIMEOUT_PROPERTY, 60);
		ControlPlane controlPlane = ControlPlane.start(scripts(), Duration.ofMinutes(minutes));
		Runtime.getRuntime().addShutdownHook(new Thread(controlPlane::close, "control-plane-shutdown"));
		return controlPlane;
	}

	static Path scripts() {
		String configured = System.getProperty(SCRIPTS_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured).toAbsolutePath();
			if (!Files.isRegularFile(path.resolve("start.sh"))) {
				throw new ControlPlaneException(SCRIPTS_PROPERTY + " is " + path + ", which has no start.sh");
			}
			return path;
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve("kubernetes-tests").resolve("control-plane");
			if (Files.isRegularFile(candidate.resolve("start.sh"))) {
				return candidate;
			}
		}
		throw new ControlPlaneException("found no kubernetes-tests/control-plane/start.sh in "
				+ Path.of("").toAbsolutePath() + " or its parents; set the system property " + SCRIPTS_PROPERTY);
	}

}

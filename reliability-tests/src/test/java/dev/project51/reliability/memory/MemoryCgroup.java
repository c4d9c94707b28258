package dev.project51.reliability.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A memory cgroup with a hard limit and no swap, the way a container runtime confines a
 * container: the kernel reclaims page cache and then kills the process when the limit is
 * reached. cgroup v2, or v1's memory controller; creating one needs root (or a delegated
 * cgroup).
 */
final class MemoryCgroup implements AutoCloseable {

	private static final Path ROOT = Path.of("/sys/fs/cgroup");

	private final Path directory;

	private final boolean v2;

	private MemoryCgroup(Path directory, boolean v2) {
		this.directory = directory;
		this.v2 = v2;
	}

	/**
	 * Creates a cgroup limited to the given number of bytes.
	 * @param name the cgroup's name (a directory of the hierarchy)
	 * @param limitBytes the memory limit
	 * @param whyNot receives the reason when no cgroup can be created
	 * @return the cgroup, or empty
	 */
	static Optional<MemoryCgroup> create(String name, long limitBytes, List<String> whyNot) {
		try {
			if (Files.isRegularFile(ROOT.resolve("cgroup.controllers"))) {
				String enabled = Files.readString(ROOT.resolve("cgroup.subtree_control"));
				if (!enabled.contains("memory")) {
					write(ROOT.resolve("cgroup.subtree_control"), "+memory");
				}
				Path directory = Files.createDirectories(ROOT.resolve(name));
				write(directory.resolve("memory.max"), Long.toString(limitBytes));
				write(directory.resolve("memory.swap.max"), "0");
				return Optional.of(new MemoryCgroup(directory, true));
			}
			if (Files.isDirectory(ROOT.resolve("memory"))) {
				Path directory = Files.createDirectories(ROOT.resolve("memory").resolve(name));
				write(directory.resolve("memory.limit_in_bytes"), Long.toString(limitBytes));
				Path withSwap = directory.resolve("memory.memsw.limit_in_bytes");
				if (Files.exists(withSwap)) {
					write(withSwap, Long.toString(limitBytes));
				}
				return Optional.of(new MemoryCgroup(directory, false));
			}
			whyNot.add("no cgroup v2 hierarchy and no v1 memory controller under " + ROOT);
		}
		catch (IOException | UncheckedIOException ex) {
			whyNot.add("cannot create a memory cgroup under " + ROOT + " (" + ex + "); run as root");
		}
		return Optional.empty();
	}

	/**
	 * The command, started inside this cgroup: a shell joins the cgroup and then becomes
	 * the command (same process id).
	 * @param command the command
	 * @return the wrapped command
	 */
	List<String> wrap(List<String> command) {
		List<String> wrapped = new ArrayList<>(
				List.of("sh", "-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"", this.directory.toString()));
		wrapped.addAll(command);
		return wrapped;
	}

	/**
	 * The highest memory use the kernel recorded.
	 * @return bytes
	 */
	long peakBytes() {
		return Long.parseLong(read(this.v2 ? "memory.peak" : "memory.max_usage_in_bytes").strip());
	}

	/**
	 * How many processes the kernel killed in this cgroup for lack of memory.
	 * @return the count
	 */
	long oomKills() {
		return stat(this.v2 ? "memory.events" : "memory.oom_control", "oom_kill");
	}

	/**
	 * Anonymous memory (heap, native allocations, stacks) charged to the cgroup now.
	 * @return bytes
	 */
	long anonymousBytes() {
		return this.v2 ? stat("memory.stat", "anon") : stat("memory.stat", "rss") + stat("memory.stat", "rss_huge");
	}

	/**
	 * Page cache charged to the cgroup now.
	 * @return bytes
	 */
	long pageCacheBytes() {
		return stat("memory.stat", this.v2 ? "file" : "cache");
	}

	private long stat(String file, String key) {
		for (String line : read(file).split("\n")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length == 2 && fields[0].equals(key)) {
				return Long.parseLong(fields[1]);
			}
		}
		throw new IllegalStateException(
				"no " + key + " in " + this.directory.resolve(file) + "; this kernel's cgroup does not report it");
	}

	private String read(String file) {
		try {
			return Files.readString(this.directory.resolve(file), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, String value) {
		try {
			Files.writeString(file, value, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + value + " to " + file, ex);
		}
	}

	/**
	 * Removes the cgroup; its processes must have ended.
	 */
	@Override
	public void close() {
		try {
			Files.deleteIfExists(this.directory);
		}
		catch (IOException ex) {
			// Still busy or already gone; the next run uses a new name.
		}
	}

	@Override
	public String toString() {
		return this.directory.toString();
	}

}

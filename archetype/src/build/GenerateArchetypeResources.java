/*
 * Builds the archetype's resources from the reference deployment, so that examples/project51 stays the single
 * source of truth: every file of the example becomes a template in which the default values of the archetype
 * properties are replaced by Velocity references and everything else is wrapped in Velocity raw blocks (#[[ ... ]]#),
 * which Velocity copies byte for byte. Shell, Spring, GitHub Actions and Markdown syntax therefore survive untouched.
 *
 * Run by the archetype module's build (exec-maven-plugin, Java single-file source launch):
 *
 *   java GenerateArchetypeResources.java <example dir> <archetype src dir> <output dir> <archetype version>
 *
 * <archetype src dir> holds archetype-metadata.xml (the required properties; the file sets are generated here),
 * replacements.txt (which literal of the example stands for which property) and variants/<property>/<value>.txt: text
 * of the example that reads differently for each value of a property (such as the AI provider's variables), as blocks
 * after '@@@ <file>' lines. The default value's blocks must be in the example, in order; each becomes a Velocity
 * #if/#elseif over the property's values.
 *
 * The archetype's tests compile this file too (a test source root), so that they list a project's files with the same
 * .gitignore rules (Ignore) as this build.
 */
package dev.project51.archetype;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class GenerateArchetypeResources {

	private static final Pattern RULE = Pattern.compile("(.*?)\\[(.+?)\\](.*?)\\s+->\\s+([A-Za-z][A-Za-z0-9]*)");

	private static final Pattern DEFAULT_VALUE = Pattern.compile(
			"<requiredProperty key=\"([A-Za-z][A-Za-z0-9]*)\">\\s*<defaultValue>([^<]*)</defaultValue>", Pattern.DOTALL);

	public static void main(String[] args) throws IOException {
		if (args.length != 4) {
			throw new IllegalArgumentException("usage: GenerateArchetypeResources <example dir> <archetype src dir> "
					+ "<output dir> <archetype version>");
		}
		Path example = Path.of(args[0]).toAbsolutePath().normalize();
		Path source = Path.of(args[1]).toAbsolutePath().normalize();
		Path output = Path.of(args[2]).toAbsolutePath().normalize();
		String metadata = Files.readString(source.resolve("archetype-metadata.xml")).replace("@archetype.version@", args[3]);
		Map<String, String> defaults = defaults(metadata);
		List<Rule> rules = rules(Files.readAllLines(source.resolve("replacements.txt"))
			.stream()
			.map((line) -> line.replace("@archetype.version@", args[3]))
			.toList(), defaults);
		String examplePackage = rules.stream()
			.filter((rule) -> rule.property().equals("package") && rule.prefix().isEmpty() && rule.suffix().isEmpty())
			.map(Rule::value)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("replacements.txt needs a rule '[<package>] -> package'"));
		String packagePath = examplePackage.replace('.', '/');
		Ignore ignore = Ignore.read(example.resolve(".gitignore"));

		Map<String, List<Variant>> variants = variants(source.resolve("variants"), defaults);
		Path resources = output.resolve("archetype-resources");
		deleteRecursively(output);
		Files.createDirectories(resources);

		Map<String, Boolean> directories = new TreeMap<>(); // template dir -> packaged
		TreeSet<String> unfilteredFiles = new TreeSet<>();
		for (Path file : files(example, ignore)) {
			String relative = example.relativize(file).toString().replace('\\', '/');
			String target = relative;
			boolean packaged = false;
			Matcher java = Pattern.compile("((?:[^/]+/)*src/(?:main|test)/java)/(.*)").matcher(relative);
			if (java.matches()) {
				String root = java.group(1);
				String inRoot = java.group(2);
				if (!inRoot.startsWith(packagePath + "/")) {
					throw new IllegalStateException(relative + " is outside the default package " + examplePackage
							+ "; every Java source of the example must live in that package or below it");
				}
				target = root + "/" + inRoot.substring(packagePath.length() + 1);
				packaged = true;
			}
			target = tokenizePath(target, rules);
			byte[] bytes = Files.readAllBytes(file);
			Path destination = resources.resolve(target);
			Files.createDirectories(destination.getParent());
			String text = decode(bytes);
			if (text == null) {
				Files.write(destination, bytes);
				unfilteredFiles.add(target);
			}
			else if (variants.containsKey(relative)) {
				Files.writeString(destination, templateWithVariants(text, variants.remove(relative), rules, relative));
			}
			else {
				Files.writeString(destination, template(text, rules, relative));
			}
			if (!target.equals("pom.xml")) {
				String directory = packaged ? target.substring(0, target.indexOf("/java/") + 5) : parent(target);
				directories.merge(directory, packaged, (a, b) -> a || b);
			}
		}
		if (!variants.isEmpty()) {
			throw new IllegalStateException("variants name files the example does not have: " + variants.keySet());
		}
		Path meta = output.resolve("META-INF/maven/archetype-metadata.xml");
		Files.createDirectories(meta.getParent());
		Files.writeString(meta, metadata.replace("<!-- fileSets -->", fileSets(directories, unfilteredFiles)));
	}

	private static Map<String, String> defaults(String metadata) {
		Map<String, String> defaults = new LinkedHashMap<>();
		Matcher matcher = DEFAULT_VALUE.matcher(metadata);
		while (matcher.find()) {
			defaults.put(matcher.group(1), matcher.group(2).trim());
		}
		return defaults;
	}

	private static List<Rule> rules(List<String> lines, Map<String, String> defaults) {
		List<Rule> rules = new ArrayList<>();
		for (String line : lines) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher matcher = RULE.matcher(line.strip());
			if (!matcher.matches()) {
				throw new IllegalArgumentException("replacements.txt: cannot read '" + line
						+ "'; expected 'prefix[value]suffix -> property'");
			}
			String property = matcher.group(4);
			String value = matcher.group(2);
			String expected = defaults.get(property);
			if (expected != null && !expected.contains("$") && !expected.equals(value)) {
				throw new IllegalArgumentException("replacements.txt: '" + line + "' replaces '" + value + "' by "
						+ property + ", but the default value of " + property + " is '" + expected
						+ "'; the example must use the default value");
			}
			rules.add(new Rule(matcher.group(1), value, matcher.group(3), property));
		}
		rules.sort(Comparator.comparingInt((Rule rule) -> rule.whole().length()).reversed());
		return rules;
	}

	/**
	 * Reads variants/<property>/<value>.txt: per example file, its blocks in order, each with its text for every
	 * value of the property. The default value's file must exist, and every value's file must name the same blocks.
	 */
	private static Map<String, List<Variant>> variants(Path directory, Map<String, String> defaults)
			throws IOException {
		Map<String, List<Variant>> variants = new TreeMap<>();
		if (!Files.isDirectory(directory)) {
			return variants;
		}
		List<Path> properties;
		try (Stream<Path> list = Files.list(directory)) {
			properties = list.filter(Files::isDirectory).sorted().toList();
		}
		for (Path propertyDirectory : properties) {
			String property = propertyDirectory.getFileName().toString();
			String defaultValue = defaults.get(property);
			if (defaultValue == null) {
				throw new IllegalArgumentException("variants/" + property + ": no required property " + property);
			}
			Map<String, List<String[]>> byValue = new LinkedHashMap<>();
			byValue.put(defaultValue, null);
			List<Path> files;
			try (Stream<Path> list = Files.list(propertyDirectory)) {
				files = list.filter((file) -> file.toString().endsWith(".txt")).sorted().toList();
			}
			for (Path file : files) {
				String name = file.getFileName().toString();
				byValue.put(name.substring(0, name.length() - ".txt".length()), blocks(Files.readString(file)));
			}
			List<String[]> defaultBlocks = byValue.get(defaultValue);
			if (defaultBlocks == null) {
				throw new IllegalArgumentException("variants/" + property + " needs " + defaultValue + ".txt, the blocks "
						+ "as the example holds them (the default value)");
			}
			for (int i = 0; i < defaultBlocks.size(); i++) {
				Map<String, String> texts = new LinkedHashMap<>();
				for (Map.Entry<String, List<String[]>> value : byValue.entrySet()) {
					List<String[]> blocks = value.getValue();
					if (blocks.size() != defaultBlocks.size() || !blocks.get(i)[0].equals(defaultBlocks.get(i)[0])) {
						throw new IllegalArgumentException("variants/" + property + "/" + value.getKey()
								+ ".txt must name the same blocks of the same files, in the same order, as "
								+ defaultValue + ".txt");
					}
					texts.put(value.getKey(), blocks.get(i)[1]);
				}
				variants.computeIfAbsent(defaultBlocks.get(i)[0], (file) -> new ArrayList<>())
					.add(new Variant(property, defaultValue, texts));
			}
		}
		return variants;
	}

	/** The blocks of a variants file: {file, text} after each '@@@ file' line; what comes before the first is a comment. */
	private static List<String[]> blocks(String text) {
		List<String[]> blocks = new ArrayList<>();
		Matcher marker = Pattern.compile("(?m)^@@@ (.+)\n").matcher(text);
		String file = null;
		int start = 0;
		while (marker.find()) {
			if (file != null) {
				blocks.add(new String[] { file, text.substring(start, marker.start()) });
			}
			file = marker.group(1).strip();
			start = marker.end();
		}
		if (file != null) {
			blocks.add(new String[] { file, text.substring(start) });
		}
		return blocks;
	}

	/** Like {@link #template}, with each variant block turned into an #if/#elseif over its property's values. */
	private static String templateWithVariants(String text, List<Variant> variants, List<Rule> rules, String file) {
		StringBuilder out = new StringBuilder();
		int position = 0;
		for (Variant variant : variants) {
			String block = variant.texts().get(variant.defaultValue());
			int at = text.indexOf(block, position);
			if (block.isEmpty() || at < 0 || text.indexOf(block, at + 1) >= 0) {
				throw new IllegalStateException(file + " must hold the " + variant.property() + " variant block '"
						+ block.lines().findFirst().orElse("") + "...' exactly once, after the blocks before it "
						+ "(variants/" + variant.property() + "/" + variant.defaultValue() + ".txt)");
			}
			out.append(template(text.substring(position, at), rules, file));
			boolean first = true;
			for (Map.Entry<String, String> value : variant.texts().entrySet()) {
				out.append(first ? "#if($" : "#elseif($")
					.append(variant.property())
					.append(" == \"")
					.append(value.getKey())
					.append("\")")
					.append(template(value.getValue(), rules, file));
				first = false;
			}
			out.append("#end");
			position = at + block.length();
		}
		out.append(template(text.substring(position), rules, file));
		return out.toString();
	}

	/** Literal text becomes raw blocks, property values become ${property}. */
	private static String template(String text, List<Rule> rules, String file) {
		if (text.contains("]]#")) {
			throw new IllegalStateException(file + " contains ']]#', which would end a Velocity raw block early");
		}
		StringBuilder out = new StringBuilder();
		StringBuilder literal = new StringBuilder();
		int i = 0;
		while (i < text.length()) {
			Rule match = null;
			for (Rule rule : rules) {
				if (text.startsWith(rule.whole(), i)) {
					match = rule;
					break;
				}
			}
			if (match == null) {
				literal.append(text.charAt(i++));
				continue;
			}
			literal.append(match.prefix());
			flush(literal, out);
			out.append("${").append(match.property()).append('}');
			literal.append(match.suffix());
			i += match.whole().length();
		}
		flush(literal, out);
		return out.toString();
	}

	private static void flush(StringBuilder literal, StringBuilder out) {
		if (literal.length() > 0) {
			out.append("#[[").append(literal).append("]]#");
			literal.setLength(0);
		}
	}

	private static String tokenizePath(String path, List<Rule> rules) {
		for (Rule rule : rules) {
			if (rule.prefix().isEmpty() && rule.suffix().isEmpty() && path.contains(rule.value())) {
				path = path.replace(rule.value(), "__" + rule.property() + "__");
			}
		}
		return path;
	}

	private static String decode(byte[] bytes) {
		for (byte b : bytes) {
			if (b == 0) {
				return null;
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static String fileSets(Map<String, Boolean> directories, TreeSet<String> unfilteredFiles) {
		StringBuilder xml = new StringBuilder();
		for (Map.Entry<String, Boolean> entry : directories.entrySet()) {
			String directory = entry.getKey();
			boolean packaged = entry.getValue();
			List<String> binaries = unfilteredFiles.stream()
				.filter((file) -> parent(file).equals(directory))
				.map(GenerateArchetypeResources::name)
				.collect(Collectors.toList());
			String include = packaged ? "**/*" : "*";
			String excludes = (directory.isEmpty() ? Stream.concat(Stream.of("pom.xml"), binaries.stream())
					: binaries.stream())
				.map((name) -> "        <exclude>" + name + "</exclude>\n")
				.collect(Collectors.joining());
			xml.append("    <fileSet filtered=\"true\"").append(packaged ? " packaged=\"true\"" : "").append(">\n");
			xml.append("      <directory>").append(directory).append("</directory>\n");
			xml.append("      <includes>\n        <include>").append(include).append("</include>\n      </includes>\n");
			if (!excludes.isEmpty()) {
				xml.append("      <excludes>\n").append(excludes).append("      </excludes>\n");
			}
			xml.append("    </fileSet>\n");
			if (!binaries.isEmpty()) {
				xml.append("    <fileSet filtered=\"false\">\n      <directory>").append(directory)
					.append("</directory>\n      <includes>\n");
				binaries.forEach((name) -> xml.append("        <include>").append(name).append("</include>\n"));
				xml.append("      </includes>\n    </fileSet>\n");
			}
		}
		return "<fileSets>\n" + xml + "  </fileSets>";
	}

	private static String parent(String path) {
		int slash = path.lastIndexOf('/');
		return (slash < 0) ? "" : path.substring(0, slash);
	}

	private static String name(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static List<Path> files(Path root, Ignore ignore) throws IOException {
		List<Path> files = new ArrayList<>();
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
				return (!dir.equals(root) && ignore.ignores(root.relativize(dir), true)) ? FileVisitResult.SKIP_SUBTREE
						: FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
				if (!ignore.ignores(root.relativize(file), false)) {
					files.add(file);
				}
				return FileVisitResult.CONTINUE;
			}

		});
		files.sort(Comparator.naturalOrder());
		return files;
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (Files.exists(path)) {
			try (Stream<Path> walk = Files.walk(path)) {
				walk.sorted(Comparator.reverseOrder()).forEach((p) -> {
					try {
						Files.delete(p);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
		}
	}

	/** One block of the example and its text for every value of a property, the default first. */
	record Variant(String property, String defaultValue, Map<String, String> texts) {
	}

	record Rule(String prefix, String value, String suffix, String property) {

		String whole() {
			return this.prefix + this.value + this.suffix;
		}

	}

	/** The simple .gitignore patterns the example uses: "name/", "name", "*.ext", "/path". */
	record Ignore(List<String> patterns) {

		static Ignore read(Path gitignore) throws IOException {
			List<String> patterns = new ArrayList<>(List.of(".git/"));
			if (Files.exists(gitignore)) {
				for (String line : Files.readAllLines(gitignore)) {
					String pattern = line.strip();
					if (!pattern.isEmpty() && !pattern.startsWith("#")) {
						if (pattern.startsWith("!")) {
							throw new IllegalStateException(".gitignore negations are not supported: " + pattern);
						}
						patterns.add(pattern);
					}
				}
			}
			return new Ignore(patterns);
		}

		boolean ignores(Path relative, boolean directory) {
			String path = relative.toString().replace('\\', '/');
			String name = relative.getFileName().toString();
			for (String pattern : this.patterns) {
				boolean dirOnly = pattern.endsWith("/");
				String p = dirOnly ? pattern.substring(0, pattern.length() - 1) : pattern;
				if (dirOnly && !directory) {
					continue;
				}
				boolean anchored = p.startsWith("/") || p.contains("/");
				String glob = p.startsWith("/") ? p.substring(1) : p;
				String regex = glob.replace(".", "\\.").replace("**", "\u0000").replace("*", "[^/]*")
					.replace("\u0000", ".*").replace("?", "[^/]");
				if (anchored ? path.matches(regex) : name.matches(regex)) {
					return true;
				}
			}
			return false;
		}

	}

}

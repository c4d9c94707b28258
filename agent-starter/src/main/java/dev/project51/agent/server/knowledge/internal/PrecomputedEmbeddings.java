package dev.project51.agent.server.knowledge.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Passage embeddings computed at build time, so that a start does not run the model over
 * the whole knowledge base. Each entry is keyed by a SHA-256 hash of the model's name and
 * the exact text that was embedded: a passage whose text changed after the build (a stale
 * entry) simply has no entry and is embedded at start, and entries of another model are
 * never used.
 * <p>
 * The format: the magic {@code P51E}, a version, the model name, the dimension, the entry
 * count, then per entry the 32-byte key and the vector as big-endian floats.
 *
 * @since 0.1.0
 */
public final class PrecomputedEmbeddings {

	/** Where a jar keeps its precomputed embeddings. */
	public static final String LOCATION = "META-INF/project51/knowledge-embeddings.bin";

	/** The pattern that finds them in every jar of the class path. */
	public static final String PATTERN = "classpath*:" + LOCATION;

	private static final int MAGIC = 0x50353145; // "P51E"

	private static final int VERSION = 1;

	private final String model;

	private final Map<String, float[]> vectors;

	private PrecomputedEmbeddings(String model, Map<String, float[]> vectors) {
		this.model = model;
		this.vectors = vectors;
	}

	/**
	 * No precomputed embeddings.
	 * @param model the model's name
	 * @return an empty set
	 */
	public static PrecomputedEmbeddings none(String model) {
		return new PrecomputedEmbeddings(model, Map.of());
	}

	/**
	 * The entries of every resource matching the pattern that were made by the given
	 * model.
	 * @param resolver the resolver
	 * @param locationPattern e.g. {@link #PATTERN}
	 * @param model the model's name, e.g. {@link LocalEmbeddingModel#NAME}
	 * @return the entries, possibly none
	 */
	public static PrecomputedEmbeddings load(ResourcePatternResolver resolver, String locationPattern, String model) {
		Map<String, float[]> vectors = new HashMap<>();
		try {
			for (Resource resource : resolver.getResources(locationPattern)) {
				if (resource.isReadable()) {
					try (InputStream in = resource.getInputStream()) {
						read(in, model, vectors);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the precomputed embeddings at '" + locationPattern + "'", ex);
		}
		return new PrecomputedEmbeddings(model, vectors);
	}

	static void read(InputStream input, String model, Map<String, float[]> into) throws IOException {
		DataInputStream in = new DataInputStream(new BufferedInputStream(input));
		if (in.readInt() != MAGIC || in.readInt() != VERSION) {
			return; // not ours, or a format this version does not read: embedded at start
		}
		String madeBy = in.readUTF();
		int dimension = in.readInt();
		int count = in.readInt();
		if (!madeBy.equals(model)) {
			return;
		}
		for (int i = 0; i < count; i++) {
			byte[] key = in.readNBytes(32);
			float[] vector = new float[dimension];
			for (int d = 0; d < dimension; d++) {
				vector[d] = in.readFloat();
			}
			into.put(HexFormat.of().formatHex(key), vector);
		}
	}

	/**
	 * Writes embeddings of texts.
	 * @param out the stream, left open
	 * @param model the model's name
	 * @param texts the embedded texts
	 * @param vectors their embeddings, in the same order
	 * @throws IOException if the stream fails
	 */
	public static void write(OutputStream out, String model, List<String> texts, List<float[]> vectors)
			throws IOException {
		if (texts.size() != vectors.size()) {
			throw new IllegalArgumentException(texts.size() + " texts but " + vectors.size() + " vectors");
		}
		DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
		data.writeInt(MAGIC);
		data.writeInt(VERSION);
		data.writeUTF(model);
		data.writeInt(vectors.isEmpty() ? 0 : vectors.get(0).length);
		data.writeInt(texts.size());
		for (int i = 0; i < texts.size(); i++) {
			data.write(HexFormat.of().parseHex(key(model, texts.get(i))));
			for (float value : vectors.get(i)) {
				data.writeFloat(value);
			}
		}
		data.flush();
	}

	/**
	 * The precomputed embedding of a text, if there is one for exactly this text.
	 * @param text the text to embed
	 * @return its embedding, or {@code null}
	 */
	public float[] get(String text) {
		return this.vectors.isEmpty() ? null : this.vectors.get(key(this.model, text));
	}

	/**
	 * How many entries there are.
	 * @return the count
	 */
	public int size() {
		return this.vectors.size();
	}

	static String key(String model, String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(model.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}

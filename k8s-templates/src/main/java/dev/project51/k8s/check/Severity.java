package dev.project51.k8s.check;

/**
 * How bad a {@link Finding} is.
 *
 * @since 0.1.0
 */
public enum Severity {

	/** The object is broken, insecure or cannot heal itself: fix it before applying. */
	ERROR,

	/** The object works but misses a recommended safeguard. */
	WARNING

}

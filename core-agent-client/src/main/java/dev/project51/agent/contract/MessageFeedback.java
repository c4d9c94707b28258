package dev.project51.agent.contract;

import java.util.Set;

/**
 * The body of {@code PUT /api/v1/conversations/{id}/messages/{messageId}/feedback}: the
 * end user's rating of an answer (thumbs up or down), stored with the message and shown
 * again with it in the conversation's history. Setting the same rating again changes
 * nothing.
 *
 * @param rating {@link #UP}, {@link #DOWN}, or {@link #NONE} to take a rating back
 * @since 0.1.0
 */
public record MessageFeedback(String rating) {

	/** A good answer (thumbs up). */
	public static final String UP = "up";

	/** A bad answer (thumbs down). */
	public static final String DOWN = "down";

	/** No rating: takes a rating back. */
	public static final String NONE = "none";

	/** Every rating a request may send. */
	public static final Set<String> RATINGS = Set.of(UP, DOWN, NONE);

	/**
	 * Whether the given value is a rating a request may send.
	 * @param rating the candidate, may be {@code null}
	 * @return {@code true} for {@link #UP}, {@link #DOWN} and {@link #NONE}
	 */
	public static boolean isValidRating(String rating) {
		return rating != null && RATINGS.contains(rating);
	}

}

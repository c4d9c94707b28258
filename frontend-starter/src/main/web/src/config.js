/*
 * The page's settings, from the data attributes the server writes on <body> (ChatPageController).
 */

/**
 * @param {function(string): ?string} attribute the value of one of the body's attributes, or null
 * @returns {object} the settings, each with its default when missing or not a number
 */
export function readConfig(attribute) {
	return {
		api: attribute('data-api') || '/api',
		maxLength: parseInt(attribute('data-max-length'), 10) || 4000,
		pollMs: parseInt(attribute('data-poll-ms'), 10) || 15000,
		retryInitialMs: parseInt(attribute('data-retry-initial-ms'), 10) || 1000,
		retryMaxMs: parseInt(attribute('data-retry-max-ms'), 10) || 15000,
		assistantName: attribute('data-assistant-name') || 'Assistant',
		avatar: attribute('data-avatar') || '',
		// What the server says when an answer stops after its first token; the page
		// says the same when it notices first. The server's template always writes both
		// attributes (ProblemDetail.answerInterrupted in core-agent-client); the fallbacks,
		// for a template of one's own without them, are the same words.
		interrupted: {
			title: attribute('data-interrupted-title') || 'Answer interrupted',
			detail: attribute('data-interrupted-detail') || 'The answer stopped before it was complete. The text so far'
					+ ' is kept; send the message again for a complete answer.'
		}
	};
}

/*
 * The page's requests to this application (never to the agent: the frontend relays), the problem
 * details (RFC 9457) of failed ones, and what they say about retrying.
 */

var JSON_OR_PROBLEM = 'application/json, application/problem+json';

// Failures before the first token after which a message waits for the assistant.
var PENDING_PROBLEMS = /\/problems\/(agent-unreachable|models-unavailable)$/;

/**
 * @param {number} [status] an HTTP status (none: no response at all)
 * @returns {boolean} whether sending the same request again may succeed
 */
export function isRetriable(status) {
	return !status || status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/**
 * @param {object} problem a problem
 * @returns {boolean} whether it says the assistant could not be reached (the message then waits for it)
 */
export function isPendingProblem(problem) {
	return PENDING_PROBLEMS.test((problem && problem.type) || '');
}

/**
 * @param {?string} header a Retry-After header's value
 * @returns {?number} its whole seconds, or null when it is no number (an HTTP date, or missing)
 */
export function retryAfterSeconds(header) {
	var seconds = parseInt(header, 10);
	return isNaN(seconds) ? null : seconds;
}

/**
 * @param {object} problem a problem
 * @returns {number} the seconds its retryAfterSeconds asks to wait before a retry (at most 600; 0: none)
 */
export function retryWaitSeconds(problem) {
	return problem && problem.retryAfterSeconds ? Math.min(600, Number(problem.retryAfterSeconds)) : 0;
}

/**
 * @param {Response} response a failed response
 * @returns {Promise<object>} its problem, or one that says what the status was when the body is none
 */
export function readProblem(response) {
	var fallback = {
		status: response.status,
		title: 'Request failed',
		detail: 'The server answered ' + response.status + '. Try again.'
	};
	var type = response.headers.get('Content-Type') || '';
	if (type.indexOf('json') < 0) {
		return Promise.resolve(fallback);
	}
	return response.json().then(function (problem) {
		return (problem && typeof problem === 'object') ? problem : fallback;
	}, function () {
		return fallback;
	});
}

/**
 * @param {string} id a conversation's id
 * @param {?string} [before] the cursor of the page after the one wanted (none: the latest page)
 * @returns {string} the path of that page of the conversation
 */
export function conversationPath(id, before) {
	return '/conversations/' + encodeURIComponent(id) + (before ? '?before=' + encodeURIComponent(before) : '');
}

/**
 * @param {string} conversationId a conversation's id
 * @param {string} messageId the id of an answer in it
 * @returns {string} the path of the answer's rating
 */
export function feedbackPath(conversationId, messageId) {
	return '/conversations/' + encodeURIComponent(conversationId) + '/messages/' + encodeURIComponent(messageId)
			+ '/feedback';
}

/**
 * The page's requests, each to a path under the API's base.
 * @param {string} api the base, e.g. '/api'
 * @param {function(string, object): Promise<Response>} [send] fetch (tests give their own)
 */
export function createTransport(api, send) {
	var fetchOf = send || function (url, options) {
		return fetch(url, options);
	};

	/* A request that accepts JSON or a problem, with the session's cookie and no cache. */
	function request(path, options) {
		options = options || {};
		options.credentials = 'same-origin';
		options.cache = 'no-store';
		options.headers = Object.assign({ 'Accept': JSON_OR_PROBLEM }, options.headers || {});
		return fetchOf(api + path, options);
	}

	return {
		request: request,

		/* Sends a message; the answer comes as server-sent events (or a problem). */
		chatStream: function (body, signal) {
			return fetchOf(api + '/chat/stream', {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'Accept': 'text/event-stream, application/problem+json'
				},
				body: JSON.stringify(body),
				credentials: 'same-origin',
				cache: 'no-store',
				signal: signal
			});
		},

		conversation: function (id, before) {
			return request(conversationPath(id, before));
		},

		rate: function (conversationId, messageId, rating) {
			return request(feedbackPath(conversationId, messageId), {
				method: 'PUT',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ rating: rating || 'none' })
			});
		},

		status: function () {
			return fetchOf(api + '/status', {
				headers: { 'Accept': 'application/json' },
				credentials: 'same-origin',
				cache: 'no-store'
			});
		}
	};
}

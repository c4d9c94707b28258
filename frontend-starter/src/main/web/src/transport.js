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

// The longest a Retry-After is waited for, unless a caller asks for less.
var MAX_RETRY_WAIT_SECONDS = 600;

/**
 * How long to wait before a retry, from what the server asked: the one reading of Retry-After for the
 * whole page (a problem's retryAfterSeconds, or an HttpError's Retry-After header).
 *
 * @param {?{retryAfterSeconds: *}} hint a problem or an HttpError
 * @param {number} [maxSeconds] the longest wait (MAX_RETRY_WAIT_SECONDS when none)
 * @returns {number} the seconds to wait, at most maxSeconds (0: none asked for, or no positive number)
 */
export function retryWaitSeconds(hint, maxSeconds) {
	var seconds = Number(hint && hint.retryAfterSeconds);
	return seconds > 0 ? Math.min(seconds, maxSeconds === undefined ? MAX_RETRY_WAIT_SECONDS : maxSeconds) : 0;
}

/**
 * A response that was not ok (2xx), as an error: what a request's caller throws when it only needs to
 * know that the request failed, and when the server asks it to wait.
 *
 * @param {Response} response the response
 */
export class HttpError extends Error {
	constructor(response) {
		super('HTTP ' + response.status);
		this.name = 'HttpError';
		/** @type {number} the response's status */
		this.status = response.status;
		/** @type {?number} the seconds of its Retry-After header (null without one, or for a date) */
		this.retryAfterSeconds = retryAfterSeconds(response.headers.get('Retry-After'));
	}
}

/**
 * @param {Response} response a response
 * @returns {Response} the response, when it is ok (2xx)
 * @throws {HttpError} when it is not, with its status and Retry-After
 */
export function requireOk(response) {
	if (!response.ok) {
		throw new HttpError(response);
	}
	return response;
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

/*
 * What the page remembers in localStorage. Private mode or disabled storage never breaks the page: it
 * just forgets.
 */

/** The theme the user chose ('dark' or 'light'; none: the system's). theme.js reads it before the first paint. */
export var THEME_KEY = 'project51.theme';

/** The conversation shown. */
export var CONVERSATION_KEY = 'project51.conversationId';

/**
 * Messages that could not reach the assistant, at most one per conversation:
 * {"<conversation id, or '' for a new one>": {"message": "...", "at": "<ISO time>"}}.
 */
export var PENDING_KEY = 'project51.pending';

/**
 * @param {string} key the key
 * @returns {?string} the value stored under it, or null (also when storage is unavailable)
 */
export function load(key) {
	try {
		return window.localStorage.getItem(key);
	} catch (e) {
		return null;
	}
}

/**
 * @param {string} key the key
 * @param {?string} value the value, or null to remove it
 */
export function store(key, value) {
	try {
		if (value === null) {
			window.localStorage.removeItem(key);
		} else {
			window.localStorage.setItem(key, value);
		}
	} catch (e) {
		// Private mode or storage disabled: the page still works, it just forgets.
	}
}

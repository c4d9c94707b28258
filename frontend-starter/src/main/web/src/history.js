/*
 * The transcript of the conversation shown, from the agent's history: a long conversation opens with its
 * latest page, and earlier pages come as the reader scrolls up (or presses the button), the reader's
 * place kept.
 */
import { el } from './dom.js';
import { HttpError, requireOk, retryWaitSeconds } from './transport.js';

/**
 * @param {?object} page a page of a conversation as the frontend sends it
 * @returns {?string} the cursor of the page before it, or null when it is the first
 */
export function earlierCursorOf(page) {
	return (page && typeof page.earlier === 'string') ? page.earlier : null;
}

// The longest an earlier page waits before it is asked for again: for a Retry-After, the button stays
// disabled meanwhile, with no countdown (an answer's Retry shows one, and waits up to transport.js' 600 s).
var EARLIER_RETRY_MAX_SECONDS = 60;

/**
 * @param {*} error why an earlier page could not be loaded
 * @returns {number} the milliseconds to wait before trying again, when the server said (an HttpError with
 *     Retry-After, at most a minute); 0 otherwise
 */
export function earlierRetryMs(error) {
	return error instanceof HttpError ? retryWaitSeconds(error, EARLIER_RETRY_MAX_SECONDS) * 1000 : 0;
}

/**
 * @param {number} failures the earlier pages that failed in a row, the last one included
 * @returns {number} the milliseconds before an earlier page is asked for again by itself, when the server
 *     did not say (1 s, doubled after each failure, at most a minute): a page whose top stays in view
 *     must not ask again and again while the frontend is away
 */
export function earlierBackoffMs(failures) {
	return Math.min(EARLIER_RETRY_MAX_SECONDS, Math.pow(2, Math.max(0, failures - 1))) * 1000;
}

/**
 * @param {object} page the page
 * @returns {object} the transcript's history
 */
export function createHistory(page) {
	var ui = page.ui;
	// The cursor of the page before the earliest one shown, while there is one.
	var earlierCursor = null;
	var earlierLoading = false;
	// After a failure, the top of the transcript in view does not ask again before the wait is over;
	// a click does, unless the server said when (then the button is disabled).
	var earlierFailures = 0;
	// The wait after a failure, while it lasts.
	var earlierTimer = null;

	function showWelcome(visible) {
		ui.welcome.hidden = !visible;
	}

	function clear() {
		ui.messages.replaceChildren();
		earlierCursor = null;
		earlierFailures = 0;
		window.clearTimeout(earlierTimer);
		earlierTimer = null;
		ui.earlierButton.disabled = false;
		ui.earlier.hidden = true;
		ui.historyNote.hidden = true;
		ui.historyNote.replaceChildren();
	}

	function noteHistory(text) {
		ui.historyNote.replaceChildren(el('p', null, text));
		ui.historyNote.hidden = false;
	}

	function renderMessages(messages) {
		var question = null;
		(Array.isArray(messages) ? messages : []).forEach(function (message) {
			if (message.role === 'user') {
				question = typeof message.text === 'string' ? message.text : '';
				page.messages.appendUser(question, message.at);
			} else if (message.role === 'assistant') {
				page.messages.fromHistory(message, question);
			}
		});
	}

	/*
	 * Loads the page before the earliest one shown and puts it above, the reader's place kept.
	 */
	function loadEarlier() {
		if (!earlierCursor || earlierLoading || !page.conversationId) {
			return;
		}
		var id = page.conversationId;
		earlierLoading = true;
		ui.earlierButton.textContent = 'Loading earlier messages…';
		page.transport.conversation(id, earlierCursor).then(function (response) {
			return requireOk(response).json();
		}).then(function (older) {
			if (id !== page.conversationId || !earlierCursor) {
				return;
			}
			earlierFailures = 0;
			var fragment = document.createDocumentFragment();
			var jumpHidden = ui.jump.hidden;
			page.renderTarget = fragment;
			try {
				renderMessages(older && older.messages);
			} finally {
				page.renderTarget = null;
			}
			var doc = document.documentElement;
			var height = doc.scrollHeight;
			var top = window.scrollY;
			ui.messages.insertBefore(fragment, ui.messages.firstChild);
			window.scrollTo({ top: top + doc.scrollHeight - height, behavior: 'auto' });
			ui.jump.hidden = jumpHidden;
			earlierCursor = earlierCursorOf(older);
			ui.earlier.hidden = !earlierCursor;
			if (!earlierCursor) {
				page.announce('This is the start of the conversation.');
			}
		}).catch(function (error) {
			// Over the browser's budget, or the assistant or the frontend is away: the button stays,
			// to try again.
			earlierFailures++;
			var wait = earlierRetryMs(error);
			ui.earlierButton.disabled = wait > 0;
			window.clearTimeout(earlierTimer);
			earlierTimer = window.setTimeout(function () {
				earlierTimer = null;
				ui.earlierButton.disabled = false;
				earlierInView();
			}, wait > 0 ? wait : earlierBackoffMs(earlierFailures));
		}).then(function () {
			earlierLoading = false;
			ui.earlierButton.textContent = 'Show earlier messages';
			earlierInView();
		});
	}

	// An observer sees the top being reached; when a page did not fill the screen, the next one
	// is loaded at once.
	function earlierInView() {
		if (earlierCursor && earlierTimer === null && !ui.earlier.hidden
				&& ui.earlier.getBoundingClientRect().bottom > -400) {
			loadEarlier();
		}
	}

	ui.earlierButton.addEventListener('click', loadEarlier);
	if ('IntersectionObserver' in window) {
		new IntersectionObserver(function (entries) {
			if (earlierTimer === null && entries.some(function (entry) { return entry.isIntersecting; })) {
				loadEarlier();
			}
		}, { rootMargin: '400px 0px 0px 0px' }).observe(ui.earlier);
	}

	/* Shows the conversation's latest page (or the welcome, for none). */
	function load() {
		if (!page.conversationId) {
			showWelcome(ui.messages.childElementCount === 0);
			return Promise.resolve();
		}
		showWelcome(false);
		noteHistory('Loading your conversation…');
		page.historyLoading = true;
		var id = page.conversationId;
		return page.transport.conversation(id).then(function (response) {
			if (response.status === 404 || response.status === 400) {
				page.pendingMessages.moveToNewConversation();
				page.setConversation(null);
				page.historyPending = false;
				ui.historyNote.hidden = true;
				showWelcome(ui.messages.childElementCount === 0);
				return;
			}
			return requireOk(response).json().then(function (conversation) {
				if (page.current || id !== page.conversationId) {
					return;
				}
				page.historyPending = false;
				clear();
				renderMessages(conversation && conversation.messages);
				earlierCursor = earlierCursorOf(conversation);
				ui.earlier.hidden = !earlierCursor;
				if (page.pending) {
					// The waiting message is the latest one.
					ui.messages.appendChild(page.pending.article);
				}
				showWelcome(ui.messages.childElementCount === 0);
				page.scroll.scrollToBottom(false);
			});
		}).catch(function () {
			page.historyPending = true;
			if (ui.messages.querySelectorAll('.message:not(.is-pending)').length === 0) {
				noteHistory('Your conversation will appear here as soon as the assistant is back.');
			}
		}).then(function () {
			page.historyLoading = false;
		});
	}

	return { load: load, clear: clear, showWelcome: showWelcome };
}

/*
 * A message that could not reach the assistant waits for it, at most one per conversation: shown as
 * waiting under its bubble, kept in localStorage with its conversation, and sent by itself once a status
 * check finds the assistant back (or offered again after a reload).
 */
import { el, icon } from './dom.js';
import { load, PENDING_KEY, store } from './storage.js';
import { retryWaitSeconds } from './transport.js';

/**
 * @param {?string} conversationId a conversation's id (none: a new conversation)
 * @returns {string} the key of its waiting message among the stored ones
 */
export function pendingKey(conversationId) {
	return conversationId || '';
}

/**
 * @param {?string} text what localStorage holds under PENDING_KEY
 * @returns {object} the waiting messages by pendingKey, empty when there are none or the text is no JSON object
 */
export function parsePending(text) {
	try {
		var all = JSON.parse(text || '{}');
		return (all && typeof all === 'object' && !Array.isArray(all)) ? all : {};
	} catch (e) {
		return {};
	}
}

/**
 * How long a waiting message waits before it may go out again: exponential backoff from the first
 * retry's delay up to the longest, or longer when the problem asked for it (Retry-After, at most 600 s).
 *
 * @param {number} attempts the failed attempts so far (1 or more)
 * @param {?object} problem the last attempt's problem
 * @param {number} initialMs the first retry's delay
 * @param {number} maxMs the longest delay of the backoff
 * @returns {number} the milliseconds to wait
 */
export function pendingDelay(attempts, problem, initialMs, maxMs) {
	var delay = Math.min(initialMs * Math.pow(2, Math.max(0, attempts - 1)), maxMs);
	return Math.max(delay, retryWaitSeconds(problem) * 1000);
}

/**
 * The waiting message is page.pending: {message, at, key, article, auto, attempts, notBefore}.
 * @param {object} page the page
 * @returns {object} what the other parts do with it
 */
export function createPending(page) {
	var config = page.config;
	var ui = page.ui;
	var timer = null;

	function storedPending() {
		return parsePending(load(PENDING_KEY));
	}

	function storePending(key, entry) {
		var all = storedPending();
		if (entry) {
			all[key] = entry;
		} else {
			delete all[key];
		}
		store(PENDING_KEY, Object.keys(all).length ? JSON.stringify(all) : null);
	}

	/*
	 * Keeps a message that could not reach the assistant: shown as waiting under its
	 * bubble, stored with its conversation, and sent by itself once a status check
	 * finds the assistant back (auto), or offered after a reload (not auto).
	 */
	function make(message, article, attempts, problem) {
		var at = article.querySelector('time');
		page.pending = {
			message: message,
			at: at ? at.getAttribute('datetime') : new Date().toISOString(),
			key: pendingKey(page.conversationId),
			article: article,
			auto: true,
			attempts: attempts,
			notBefore: Date.now() + pendingDelay(attempts, problem, config.retryInitialMs, config.retryMaxMs)
		};
		storePending(page.pending.key, { message: page.pending.message, at: page.pending.at });
		render();
		page.announce('The assistant is unavailable. Your message will be sent when it is back.');
	}

	function render() {
		var pending = page.pending;
		var article = pending.article;
		article.classList.add('is-pending');
		article.setAttribute('aria-label', 'You said (not sent yet)');
		var old = article.querySelector('.pending-note');
		if (old) {
			old.remove();
		}
		var note = el('div', 'pending-note');
		note.appendChild(icon('clock', 14));
		if (pending.auto) {
			note.appendChild(el('span', 'pending-text', 'Not sent yet: it will be sent when the assistant is back.'));
		} else {
			note.appendChild(el('span', 'pending-text',
					'Not sent: the assistant was unavailable when you sent it.'));
			var sendNow = el('button', 'button button-tiny pending-send', 'Send now');
			sendNow.type = 'button';
			sendNow.addEventListener('click', function () {
				if (page.pending && !page.current) {
					var waiting = page.pending;
					waiting.auto = true;
					flush();
					ui.input.focus();
				}
			});
			note.appendChild(sendNow);
		}
		var discardButton = el('button', 'button button-tiny pending-discard', 'Discard');
		discardButton.type = 'button';
		discardButton.addEventListener('click', function () {
			discard();
			page.announce('The unsent message was discarded.');
			ui.input.focus();
		});
		note.appendChild(discardButton);
		article.querySelector('.message-body').appendChild(note);
	}

	/* The pending message leaves its waiting state (it is being sent, or discarded). */
	function unmark(waiting) {
		var article = waiting.article;
		article.classList.remove('is-pending');
		article.setAttribute('aria-label', 'You said');
		var note = article.querySelector('.pending-note');
		if (note) {
			note.remove();
		}
	}

	/* The pending message reached the assistant (or failed for good): forget it. */
	function forget(waiting) {
		storePending(waiting.key, null);
		if (page.pending === waiting) {
			page.pending = null;
		}
		page.composer.note(null);
	}

	function discard() {
		if (!page.pending) {
			return;
		}
		var waiting = page.pending;
		window.clearTimeout(timer);
		forget(waiting);
		waiting.article.remove();
		page.history.showWelcome(ui.messages.childElementCount === 0 && !page.conversationId);
	}

	function flush() {
		if (!page.pending || page.current) {
			return;
		}
		var waiting = page.pending;
		window.clearTimeout(timer);
		unmark(waiting);
		// Stays stored until the assistant has it: a tab closed meanwhile offers it again.
		page.pending = null;
		page.sender.send(waiting.message, null, waiting);
	}

	/* Called whenever a status check finds the assistant able to answer. */
	function maybeFlush() {
		var pending = page.pending;
		if (!pending || !pending.auto || page.current || page.historyLoading) {
			return;
		}
		if (Date.now() >= pending.notBefore) {
			flush();
		} else {
			armTimer();
		}
	}

	/* Checks the assistant's status again once the pending message may go out. */
	function armTimer() {
		window.clearTimeout(timer);
		timer = window.setTimeout(function () {
			page.status.checkSoon();
		}, Math.max(0, page.pending.notBefore - Date.now()));
	}

	/* After a reload: a message that never reached the assistant is shown and offered. */
	function restore() {
		var entry = storedPending()[pendingKey(page.conversationId)];
		if (!entry || typeof entry.message !== 'string' || !entry.message) {
			return;
		}
		page.history.showWelcome(false);
		page.pending = {
			message: entry.message,
			at: entry.at,
			key: pendingKey(page.conversationId),
			article: page.messages.appendUser(entry.message, entry.at),
			auto: false,
			attempts: 0,
			notBefore: 0
		};
		render();
	}

	/* The agent forgot the conversation shown: its waiting message starts a new one. */
	function moveToNewConversation() {
		var pending = page.pending;
		if (pending && pending.key === pendingKey(page.conversationId)) {
			storePending(pending.key, null);
			pending.key = pendingKey(null);
			storePending(pending.key, { message: pending.message, at: pending.at });
		}
	}

	return {
		make: make,
		forget: forget,
		discard: discard,
		maybeFlush: maybeFlush,
		armTimer: armTimer,
		restore: restore,
		moveToNewConversation: moveToNewConversation
	};
}

/*
 * The assistant's status: the pill in the header (a live region) and the notice under it. The page asks
 * /api/status every so often (more often, with backoff and jitter, while the assistant is unavailable),
 * at once when an answer or a failure suggests the status changed, and not while the tab is hidden.
 */
import { requireOk } from './transport.js';

var STATES = ['healthy', 'degraded', 'unavailable'];

/**
 * @param {*} result what /api/status answered
 * @returns {boolean} whether it is a status the page knows
 */
export function isStatus(result) {
	return !!result && STATES.indexOf(result.state) >= 0;
}

/**
 * @param {boolean} [online] navigator.onLine
 * @returns {object} the status when /api/status could not be asked
 */
export function unreachable(online) {
	return {
		state: 'unavailable',
		detail: online === false ? 'You seem to be offline.' : 'This site could not be reached.'
	};
}

/**
 * @param {?string} model the fallback model that answered
 * @returns {object} the status an answer of a fallback model shows until a check brings the reason
 */
export function degradedBy(model) {
	return {
		state: 'degraded',
		model: model,
		detail: 'The preferred model is not answering, so ' + (model || 'a fallback model') + ' answers in its place.'
	};
}

/**
 * @param {string} state a status' state
 * @returns {string} the pill's label
 */
export function labelOf(state) {
	return state === 'healthy' ? 'Online' : state === 'degraded' ? 'Degraded' : 'Unavailable';
}

/**
 * @param {number} ms a delay
 * @param {number} random a number in [0, 1)
 * @returns {number} the delay, 15 % shorter to 15 % longer: clients that lost the assistant together do
 *     not all ask again at the same moment
 */
export function jitter(ms, random) {
	return Math.round(ms * (0.85 + random * 0.3));
}

/**
 * @param {object} page the page
 * @returns {{start: function(), checkSoon: function(), observe: function(object)}} the status
 */
export function createStatus(page) {
	var config = page.config;
	var ui = page.ui;
	var state = 'checking';
	var timer = null;
	var countdownTimer = null;
	var delay = config.retryInitialMs;
	var nextCheckAt = 0;
	var inFlight = false;
	var recheck = false;
	// Counts what answers have shown; a check that started before is out of date.
	var observations = 0;
	var label = ui.status.querySelector('.status-label');
	var modelLabel = ui.status.querySelector('.status-model');
	var noticeTitle = ui.notice.querySelector('.notice-title');
	var noticeDetail = ui.notice.querySelector('.notice-detail');
	var noticeCountdown = ui.notice.querySelector('.notice-countdown');

	function schedule(ms) {
		window.clearTimeout(timer);
		nextCheckAt = Date.now() + ms;
		timer = window.setTimeout(check, ms);
	}

	function tickCountdown() {
		window.clearInterval(countdownTimer);
		if (state !== 'unavailable') {
			setText(noticeCountdown, '');
			return;
		}
		var update = function () {
			var seconds = Math.max(0, Math.ceil((nextCheckAt - Date.now()) / 1000));
			setText(noticeCountdown, inFlight || seconds === 0 ? 'Checking…' : 'Retrying in ' + seconds + ' s.');
		};
		update();
		countdownTimer = window.setInterval(update, 1000);
	}

	/*
	 * Changes only what changed: the pill is a live region, and rewriting it with the same
	 * words after every check would have screen readers repeat them.
	 */
	function setText(node, text) {
		if (node.textContent !== text) {
			node.textContent = text;
		}
	}

	function setAttribute(node, name, value) {
		if (node.getAttribute(name) !== value) {
			node.setAttribute(name, value);
		}
	}

	function render(result) {
		var previous = state;
		state = result.state;
		setAttribute(ui.status, 'data-state', state);
		var model = result.model || '';
		setText(label, labelOf(state));
		setText(modelLabel, (state !== 'unavailable' && model) ? model : '');
		setAttribute(ui.status, 'title', result.detail || '');
		if (state === 'unavailable') {
			setAttribute(ui.notice, 'data-kind', 'unavailable');
			setText(noticeTitle, 'The assistant is unavailable.');
			setText(noticeDetail, (result.detail || '') + ' Your conversation is safe; this page reconnects by itself.');
			ui.noticeRetry.hidden = false;
			ui.notice.hidden = false;
		} else if (state === 'degraded') {
			setAttribute(ui.notice, 'data-kind', 'degraded');
			setText(noticeTitle, 'Running on a fallback model.');
			setText(noticeDetail, result.detail || '');
			ui.noticeRetry.hidden = true;
			ui.notice.hidden = false;
		} else {
			setAttribute(ui.notice, 'data-kind', 'none');
			ui.notice.hidden = true;
		}
		if (previous === 'unavailable' && state !== 'unavailable') {
			page.announce('The assistant is back' + (model ? ', answering with ' + model : '') + '.');
			if (page.historyPending && !page.current) {
				// The history first, then the waiting message below it.
				page.history.load().then(page.pendingMessages.maybeFlush);
			}
		}
		if (state !== 'unavailable') {
			page.pendingMessages.maybeFlush();
		}
		tickCountdown();
	}

	function check() {
		window.clearTimeout(timer);
		if (inFlight) {
			// Its answer may predate what made this check necessary: ask again after it.
			recheck = true;
			return;
		}
		recheck = false;
		inFlight = true;
		var seen = observations;
		tickCountdown();
		page.transport.status().then(function (response) {
			return requireOk(response).json();
		}).then(function (result) {
			if (!isStatus(result)) {
				throw new Error('Unexpected status');
			}
			return result;
		}).catch(function () {
			return unreachable(navigator.onLine);
		}).then(function (result) {
			inFlight = false;
			if (seen !== observations) {
				// An answer showed a newer state while this check ran: ask again.
				check();
				return;
			}
			if (result.state === 'unavailable') {
				var wait = jitter(delay, Math.random());
				delay = Math.min(delay * 2, config.retryMaxMs);
				if (!document.hidden) {
					schedule(wait);
				}
			} else {
				delay = config.retryInitialMs;
				if (!document.hidden) {
					schedule(config.pollMs);
				}
			}
			render(result);
			if (recheck) {
				check();
			}
		});
	}

	ui.noticeRetry.addEventListener('click', function () {
		delay = config.retryInitialMs;
		check();
	});

	document.addEventListener('visibilitychange', function () {
		if (document.hidden) {
			window.clearTimeout(timer);
		} else {
			check();
		}
	});
	window.addEventListener('online', function () {
		delay = config.retryInitialMs;
		check();
	});

	return {
		start: check,
		checkSoon: function () {
			delay = config.retryInitialMs;
			check();
		},
		observe: function (done) {
			// An answer says which model is in use: a fallback model's answer shows at once,
			// and a check brings the reason; any other disagreement is resynced by a check.
			var degraded = !!(done && done.degraded);
			if (degraded && state !== 'degraded') {
				observations++;
				render(degradedBy(done.model));
				check();
			} else if (!degraded && state !== 'healthy') {
				check();
			}
		}
	};
}

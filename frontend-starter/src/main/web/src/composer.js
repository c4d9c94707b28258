/*
 * The composer: the message box (grows with its text, counts characters near the limit), Enter to send
 * and Shift+Enter for a new line, Escape to stop an answer, the suggestions, and the note under the box.
 */

/**
 * @param {*} text what the user typed
 * @returns {string} the message to send: the text without leading and trailing white space
 */
export function messageOf(text) {
	return String(text || '').replace(/^\s+|\s+$/g, '');
}

/**
 * @param {number} length the characters typed
 * @param {number} max the most a message may have
 * @returns {?{text: string, full: boolean}} the counter to show, from 80 % of the limit on (null before)
 */
export function counterOf(length, max) {
	if (length >= max * 0.8) {
		return { text: length + ' / ' + max, full: length >= max };
	}
	return null;
}

/**
 * @param {KeyboardEvent} event a key pressed in the message box
 * @returns {boolean} whether it sends the message: Enter without a modifier, not while composing text (IME)
 */
export function isSendKey(event) {
	return event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey
			&& !event.isComposing && event.keyCode !== 229;
}

/**
 * @param {object} page the page (config, ui, current, sender)
 * @returns {object} the composer
 */
export function createComposer(page) {
	var config = page.config;
	var ui = page.ui;
	// Whether the composer's note is the hint about Enter while an answer streams.
	var busyHint = false;

	function autosize() {
		ui.input.style.height = 'auto';
		var max = Math.max(120, Math.round(window.innerHeight * 0.4));
		ui.input.style.height = Math.min(ui.input.scrollHeight, max) + 'px';
	}

	function updateCounter() {
		var counter = counterOf(ui.input.value.length, config.maxLength);
		if (counter) {
			ui.counter.textContent = counter.text;
			ui.counter.classList.toggle('is-full', counter.full);
		} else {
			ui.counter.textContent = '';
		}
	}

	/* Empties the box. */
	function clear() {
		ui.input.value = '';
		autosize();
		updateCounter();
	}

	/* Shows a note under the box (null: none). */
	function note(text) {
		if (!ui.composerNote) {
			return;
		}
		if (text === null) {
			busyHint = false;
		}
		ui.composerNote.textContent = text || '';
		ui.composerNote.hidden = !text;
	}

	/* An answer ended: the hint about Enter while it streamed goes. */
	function endBusyHint() {
		if (busyHint) {
			busyHint = false;
			note(null);
		}
	}

	function setBusy(busy) {
		ui.send.setAttribute('data-mode', busy ? 'stop' : 'send');
		ui.send.setAttribute('aria-label', busy ? 'Stop the answer' : 'Send message');
		ui.send.title = busy ? 'Stop (Escape)' : 'Send (Enter)';
		ui.composer.classList.toggle('is-busy', busy);
		document.body.classList.toggle('is-busy', busy);
	}

	ui.input.addEventListener('input', function () {
		autosize();
		updateCounter();
	});

	ui.input.addEventListener('keydown', function (event) {
		if (isSendKey(event)) {
			event.preventDefault();
			if (!page.current) {
				page.sender.send(ui.input.value);
			} else if (ui.input.value.trim()) {
				// Not queued: a follow-up usually depends on the answer being written.
				busyHint = true;
				note(config.assistantName + ' is still answering. Your message stays here: press Enter'
						+ ' again when the answer is complete, or Escape to stop the answer.');
			}
		} else if (event.key === 'Escape' && page.current) {
			event.preventDefault();
			page.sender.stop();
		}
	});

	document.addEventListener('keydown', function (event) {
		if (event.key === 'Escape' && page.current && event.target !== ui.input) {
			page.sender.stop();
		}
	});

	ui.composer.addEventListener('submit', function (event) {
		event.preventDefault();
		if (page.current) {
			page.sender.stop();
		} else {
			page.sender.send(ui.input.value);
			ui.input.focus();
		}
	});

	Array.prototype.forEach.call(document.querySelectorAll('[data-suggestion]'), function (button) {
		button.addEventListener('click', function () {
			page.sender.send(button.getAttribute('data-suggestion'));
			ui.input.focus();
		});
	});

	return {
		autosize: autosize,
		updateCounter: updateCounter,
		clear: clear,
		note: note,
		endBusyHint: endBusyHint,
		setBusy: setBusy
	};
}

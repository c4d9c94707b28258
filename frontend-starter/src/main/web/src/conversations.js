/*
 * The list of this browser's conversations (the sidebar): open one, rename one in place, delete one
 * with an offer to undo, load older ones; and starting a new conversation.
 */
import { messageOf } from './composer.js';
import { el } from './dom.js';
import { requireOk } from './transport.js';

/**
 * @param {?object} summary a conversation's summary as the frontend sends it
 * @returns {string} its title, or 'Conversation' when it has none
 */
export function titleOf(summary) {
	return (summary && typeof summary.title === 'string' && summary.title) ? summary.title : 'Conversation';
}

/**
 * @param {?object} list a page of the list as the frontend sends it
 * @returns {object[]} its summaries (none when it has no array of them)
 */
export function summariesOf(list) {
	return (list && Array.isArray(list.conversations)) ? list.conversations : [];
}

/**
 * @param {?object} list a page of the list
 * @returns {?string} the cursor of the next (older) page, or null when it is the last
 */
export function nextCursorOf(list) {
	return (list && typeof list.next === 'string') ? list.next : null;
}

/**
 * @param {object[]} items the summaries shown
 * @param {?object} list the next page
 * @returns {object[]} items followed by the page's summaries that are not among them (changes items)
 */
export function withMore(items, list) {
	var known = {};
	items.forEach(function (summary) {
		known[summary.conversationId] = true;
	});
	summariesOf(list).forEach(function (summary) {
		if (summary && !known[summary.conversationId]) {
			items.push(summary);
		}
	});
	return items;
}

/**
 * @param {object[]} items summaries
 * @param {string} id a conversation's id
 * @returns {number} the index of its summary, or -1
 */
export function indexOf(items, id) {
	for (var i = 0; i < items.length; i++) {
		if (items[i].conversationId === id) {
			return i;
		}
	}
	return -1;
}

/**
 * @param {object} page the page
 * @returns {{refresh: function(): Promise<void>, render: function(), newChat: function()}} the list
 */
export function createConversations(page) {
	var ui = page.ui;
	var UNDO_MS = 8000;
	// Summaries as the frontend sends them, the most recently active first.
	var items = [];
	var next = null;
	// A deletion that can still be undone: {summary, index, wasCurrent, timer}.
	var deleted = null;
	var listFormat = null;

	function listTime(at) {
		var date = new Date(at);
		if (!at || isNaN(date.getTime())) {
			return null;
		}
		listFormat = listFormat || new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
		var time = el('time', 'conversation-time', listFormat.format(date));
		time.setAttribute('datetime', date.toISOString());
		return time;
	}

	function render() {
		// The list is drawn again: the focus goes back to the same control of the same conversation.
		var focused = document.activeElement;
		var focusItem = (focused && ui.conversationList.contains(focused)) ? focused.closest('[data-id]') : null;
		var focusId = focusItem ? focusItem.getAttribute('data-id') : null;
		var focusRole = focusId ? ['conversation-open', 'conversation-rename', 'conversation-delete']
			.filter(function (name) {
				return focused.classList.contains(name);
			})[0] : null;
		ui.conversationList.replaceChildren();
		items.forEach(function (summary) {
			var id = summary.conversationId;
			var title = titleOf(summary);
			var item = el('li', 'conversation');
			item.setAttribute('data-id', id);
			var open = el('button', 'conversation-open');
			open.type = 'button';
			open.appendChild(el('span', 'conversation-title', title));
			var time = listTime(summary.updatedAt || summary.createdAt);
			if (time) {
				open.appendChild(time);
			}
			if (id === page.conversationId) {
				open.setAttribute('aria-current', 'true');
				item.classList.add('is-current');
			}
			open.addEventListener('click', function () {
				switchTo(id);
			});
			var rename = el('button', 'button button-tiny conversation-rename', 'Rename');
			rename.type = 'button';
			rename.setAttribute('aria-label', 'Rename “' + title + '”');
			rename.addEventListener('click', function () {
				startRename(item, summary);
			});
			var remove = el('button', 'button button-tiny conversation-delete', 'Delete');
			remove.type = 'button';
			remove.setAttribute('aria-label', 'Delete “' + title + '”');
			remove.addEventListener('click', function () {
				removeConversation(id);
			});
			item.appendChild(open);
			item.appendChild(rename);
			item.appendChild(remove);
			ui.conversationList.appendChild(item);
		});
		ui.conversationsEmpty.hidden = items.length > 0;
		ui.conversationsMore.hidden = !next;
		if (focusId && focusRole) {
			var again = ui.conversationList.querySelector('[data-id="' + CSS.escape(focusId) + '"] .' + focusRole);
			if (again) {
				again.focus();
			}
		}
	}

	function refresh() {
		return page.transport.request('/conversations').then(function (response) {
			return requireOk(response).json();
		}).then(function (list) {
			var pendingDelete = deleted && deleted.summary.conversationId;
			items = summariesOf(list).filter(function (summary) {
				return summary && summary.conversationId !== pendingDelete;
			});
			next = nextCursorOf(list);
			render();
		}).catch(function () {
			// The list waits for the next answer or reload; the conversation shown is unaffected.
		});
	}

	function more() {
		if (!next) {
			return;
		}
		page.transport.request('/conversations?cursor=' + encodeURIComponent(next)).then(function (response) {
			return requireOk(response).json();
		}).then(function (list) {
			items = withMore(items, list);
			next = nextCursorOf(list);
			render();
		}).catch(function () {
			page.announce('The older conversations could not be loaded. Try again in a moment.');
		});
	}

	function switchTo(id) {
		close();
		if (id === page.conversationId) {
			ui.input.focus();
			return;
		}
		newChat();
		page.setConversation(id);
		render();
		page.history.load().then(function () {
			ui.input.focus();
		});
		page.announce('Opened “' + titleOf(find(id)) + '”.');
	}

	function find(id) {
		var index = indexOf(items, id);
		return index < 0 ? null : items[index];
	}

	function startRename(item, summary) {
		var form = el('form', 'conversation-rename-form');
		var label = el('label', 'visually-hidden', 'New title of “' + titleOf(summary) + '”');
		var input = el('input', 'conversation-rename-input');
		input.id = 'rename-' + summary.conversationId;
		label.htmlFor = input.id;
		input.type = 'text';
		input.maxLength = 100; // AgentApi.MAX_TITLE_LENGTH (core-agent-client)
		input.value = titleOf(summary);
		form.appendChild(label);
		form.appendChild(input);
		item.replaceChildren(form);
		input.focus();
		input.select();
		var done = false;
		var finish = function (save) {
			if (done) {
				return;
			}
			done = true;
			// Trimmed as a message is (the server strips white space from a title too).
			var title = messageOf(input.value);
			if (!save || !title || title === summary.title) {
				render();
				item = ui.conversationList.querySelector('[data-id="' + CSS.escape(summary.conversationId)
						+ '"] .conversation-rename');
				if (item) {
					item.focus();
				}
				return;
			}
			summary.title = title;
			render();
			page.transport.request('/conversations/' + encodeURIComponent(summary.conversationId), {
				method: 'PATCH',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ title: title })
			}).then(function (response) {
				requireOk(response);
				page.announce('Renamed to “' + title + '”.');
			}).catch(function () {
				page.announce('The conversation could not be renamed. Try again in a moment.');
			}).then(refresh);
		};
		form.addEventListener('submit', function (event) {
			event.preventDefault();
			finish(true);
		});
		input.addEventListener('keydown', function (event) {
			if (event.key === 'Escape') {
				event.preventDefault();
				event.stopPropagation();
				finish(false);
			}
		});
		input.addEventListener('blur', function () {
			finish(true);
		});
	}

	// Deleting takes effect when the undo offer ends (or the page is left).
	function removeConversation(id) {
		commitDelete();
		var index = indexOf(items, id);
		if (index < 0) {
			return;
		}
		var summary = items.splice(index, 1)[0];
		var wasCurrent = id === page.conversationId;
		if (wasCurrent) {
			newChat();
		}
		render();
		deleted = {
			summary: summary,
			index: index,
			wasCurrent: wasCurrent,
			timer: window.setTimeout(commitDelete, UNDO_MS)
		};
		ui.undoText.textContent = 'Deleted “' + titleOf(summary) + '”.';
		ui.undo.hidden = false;
		ui.undoButton.focus();
	}

	function commitDelete() {
		if (!deleted) {
			return;
		}
		var id = deleted.summary.conversationId;
		var summary = deleted.summary;
		var index = deleted.index;
		window.clearTimeout(deleted.timer);
		deleted = null;
		hideUndo();
		page.transport.request('/conversations/' + encodeURIComponent(id), { method: 'DELETE', keepalive: true })
			.then(requireOk).catch(function () {
				// Still at the agent: back in the list, and the reader is told.
				if (!find(id)) {
					items.splice(Math.min(index, items.length), 0, summary);
					render();
				}
				page.announce('“' + titleOf(summary) + '” could not be deleted. Try again in a moment.');
			});
	}

	function undo() {
		if (!deleted) {
			return;
		}
		var restored = deleted;
		window.clearTimeout(restored.timer);
		deleted = null;
		items.splice(Math.min(restored.index, items.length), 0, restored.summary);
		hideUndo();
		if (restored.wasCurrent && !page.conversationId && !page.current) {
			switchTo(restored.summary.conversationId);
		} else {
			render();
		}
		page.announce('Restored “' + titleOf(restored.summary) + '”.');
	}

	function hideUndo() {
		var hadFocus = ui.undo.contains(document.activeElement);
		ui.undo.hidden = true;
		if (hadFocus) {
			ui.input.focus();
		}
	}

	function open() {
		ui.sidebar.hidden = false;
		ui.sidebarToggle.setAttribute('aria-expanded', 'true');
		var target = ui.conversationList.querySelector('[aria-current="true"]')
				|| ui.conversationList.querySelector('.conversation-open') || ui.sidebarClose;
		target.focus();
	}

	function close() {
		if (ui.sidebar.hidden) {
			return;
		}
		var hadFocus = ui.sidebar.contains(document.activeElement);
		ui.sidebar.hidden = true;
		ui.sidebarToggle.setAttribute('aria-expanded', 'false');
		if (hadFocus) {
			ui.sidebarToggle.focus();
		}
	}

	ui.sidebarToggle.addEventListener('click', function () {
		if (ui.sidebar.hidden) {
			open();
		} else {
			close();
		}
	});
	ui.sidebarClose.addEventListener('click', close);
	ui.sidebar.addEventListener('keydown', function (event) {
		if (event.key === 'Escape') {
			event.stopPropagation();
			close();
		}
	});
	ui.conversationsMore.addEventListener('click', more);
	ui.undoButton.addEventListener('click', undo);
	window.addEventListener('pagehide', commitDelete);

	// Leaves the conversation shown (it stays in the list) for an empty one.
	var newChatDiscarded = false;
	function newChat() {
		page.sender.stop();
		var hadPending = !!page.pending;
		// The waiting message belongs to the conversation being left.
		page.pendingMessages.discard();
		page.composer.note(null);
		page.setConversation(null);
		page.history.clear();
		page.history.showWelcome(true);
		page.historyPending = false;
		page.composer.clear();
		window.scrollTo({ top: 0 });
		newChatDiscarded = hadPending;
		render();
	}

	ui.newChat.addEventListener('click', function () {
		newChat();
		ui.input.focus();
		page.announce('New conversation started.' + (newChatDiscarded ? ' The unsent message was discarded.' : ''));
	});

	return { refresh: refresh, render: render, newChat: newChat };
}

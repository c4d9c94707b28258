/*
 * Project51 chat page: the entry point that esbuild bundles (build.mjs) with the page's modules and its
 * Markdown renderer (markdown.js: markdown-it, highlight.js and DOMPurify from npm); the jar serves the
 * minified bundle. Each feature is a module:
 *
 *   transport.js      the requests, problem details, Retry-After    sse.js       the event-stream parser
 *   messages.js       the transcript's messages (feedback.js: thumbs) send.js      sending and streaming
 *   pending.js        messages waiting for the assistant             history.js   the transcript, paged
 *   conversations.js  the list of conversations, new conversation    status.js    the assistant's status
 *   composer.js       the message box and its keys                   announce.js  the live region
 *   scroll.js, theme-toggle.js, config.js, storage.js, dom.js, text.js
 *
 * They share one object, the page: its settings (config), elements (ui), state (conversationId, the
 * answer streaming as current, the message waiting as pending, ...) and each feature's functions, looked
 * up when called, so that features may call each other whatever the order they were set up in.
 *
 * Model output is untrusted: the page only ever turns it into DOM nodes whose text is set with
 * createTextNode/textContent, or into the sanitized DocumentFragment of renderMarkdown. Nothing here
 * assigns innerHTML, outerHTML or insertAdjacentHTML, evaluates strings, or builds URLs other than
 * http(s) links; the page's Content-Security-Policy requires Trusted Types and allows only DOMPurify's
 * policy, so such code would fail loudly instead of opening a hole.
 */
import { createAnnouncer } from './announce.js';
import { createComposer } from './composer.js';
import { readConfig } from './config.js';
import { createConversations } from './conversations.js';
import { createHistory } from './history.js';
import { renderMarkdown } from './markdown.js';
import { createMessages } from './messages.js';
import { createPending } from './pending.js';
import { createScroller } from './scroll.js';
import { createSender } from './send.js';
import { createStatus } from './status.js';
import { CONVERSATION_KEY, load, store } from './storage.js';
import { createTransport } from './transport.js';
import { setUpThemeToggle } from './theme-toggle.js';

function elements() {
	var ids = {
		messages: 'messages',
		welcome: 'welcome',
		historyNote: 'history-note',
		composer: 'composer',
		input: 'message',
		send: 'send',
		counter: 'counter',
		newChat: 'new-chat',
		themeToggle: 'theme-toggle',
		status: 'status',
		notice: 'notice',
		noticeRetry: 'notice-retry',
		announcer: 'announcer',
		composerNote: 'composer-note',
		jump: 'jump',
		earlier: 'earlier',
		earlierButton: 'earlier-button',
		sidebar: 'sidebar',
		sidebarToggle: 'conversations-toggle',
		sidebarClose: 'sidebar-close',
		conversationList: 'conversation-list',
		conversationsEmpty: 'conversations-empty',
		conversationsMore: 'conversations-more',
		undo: 'undo',
		undoText: 'undo-text',
		undoButton: 'undo-button'
	};
	var ui = {};
	Object.keys(ids).forEach(function (name) {
		ui[name] = document.getElementById(ids[name]);
	});
	return ui;
}

function start() {
	var config = readConfig(function (name) {
		return document.body.getAttribute(name);
	});
	var ui = elements();
	if (!ui.messages || !ui.composer) {
		return;
	}
	var page = {
		config: config,
		ui: ui,
		transport: createTransport(config.api),
		conversationId: load(CONVERSATION_KEY),
		// The answer streaming: {controller, answer}.
		current: null,
		// The message waiting for the assistant (pending.js).
		pending: null,
		// Whether the history could not be loaded and is loaded again once the assistant is back.
		historyPending: false,
		historyLoading: false,
		// Where new messages go: the transcript, or a fragment while an earlier page is built.
		renderTarget: null,
		setConversation: function (id) {
			page.conversationId = id;
			store(CONVERSATION_KEY, id);
		}
	};
	page.announce = createAnnouncer(ui.announcer);
	page.scroll = createScroller(ui);
	page.messages = createMessages(page);
	page.sender = createSender(page);
	page.pendingMessages = createPending(page);
	page.composer = createComposer(page);
	setUpThemeToggle(ui.themeToggle);
	page.history = createHistory(page);
	page.conversations = createConversations(page);
	page.status = createStatus(page);

	if (ui.input.value) {
		// A browser that restored the text of the box; an empty box needs no measuring (and no layout).
		page.composer.autosize();
	}
	page.composer.updateCounter();
	page.pendingMessages.restore();
	page.status.start();
	page.history.load();
	page.conversations.refresh();
}

window.Project51 = Object.freeze({ renderMarkdown: renderMarkdown });

if (document.readyState === 'loading') {
	document.addEventListener('DOMContentLoaded', start);
} else {
	start();
}

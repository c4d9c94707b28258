/*
 * Project51 chat page. Bundled with its Markdown renderer (markdown.js: markdown-it, highlight.js and
 * DOMPurify from npm) by build.mjs at build time; the jar serves the minified bundle.
 *
 * Model output is untrusted: this file only ever turns it into DOM nodes whose text is set with
 * createTextNode/textContent, or into the sanitized DocumentFragment of renderMarkdown. Nothing here
 * assigns innerHTML, outerHTML or insertAdjacentHTML, evaluates strings, or builds URLs other than
 * http(s) links; the page's Content-Security-Policy requires Trusted Types and allows only DOMPurify's
 * policy, so such code would fail loudly instead of opening a hole.
 */
import { renderMarkdown, speakable, withoutBidiControls } from './markdown.js';

(function () {
	'use strict';

	var THEME_KEY = 'project51.theme';
	var CONVERSATION_KEY = 'project51.conversationId';
	// Messages that could not reach the assistant, at most one per conversation:
	// {"<conversation id, or '' for a new one>": {"message": "...", "at": "<ISO time>"}}.
	var PENDING_KEY = 'project51.pending';
	// Failures before the first token after which a message waits for the assistant.
	var PENDING_PROBLEMS = /\/problems\/(agent-unreachable|models-unavailable)$/;
	var root = document.documentElement;

	// ------------------------------------------------------------------ storage

	function load(key) {
		try {
			return window.localStorage.getItem(key);
		} catch (e) {
			return null;
		}
	}

	function store(key, value) {
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

	// ------------------------------------------------------------------ theme (runs before the first paint)

	function applyTheme(theme) {
		if (theme === 'dark' || theme === 'light') {
			root.setAttribute('data-theme', theme);
		} else {
			root.removeAttribute('data-theme');
		}
	}

	applyTheme(load(THEME_KEY));

	// ------------------------------------------------------------------ DOM helpers

	function el(tag, className, text) {
		var node = document.createElement(tag);
		if (className) {
			node.className = className;
		}
		if (text !== undefined && text !== null) {
			node.textContent = withoutBidiControls(text);
		}
		return node;
	}

	var SVG_NS = 'http://www.w3.org/2000/svg';

	var ICONS = {
		copy: ['M9 9h10v10H9z', 'M5 15V5h10'],
		check: ['M5 12.5l4.5 4.5L19 7.5'],
		retry: ['M20 11a8 8 0 1 0-2.3 5.7', 'M20 5v6h-6'],
		clock: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M12 7v5l3 2'],
		source: ['M7 3h7l5 5v13H7z', 'M14 3v5h5', 'M10 13h6M10 17h6'],
		stop: ['M8 8h8v8H8z'],
		'thumb-up': ['M7 10v11H4V10z', 'M7 10l4-8a3 3 0 0 1 3 3v4h5.2a2 2 0 0 1 2 2.4l-1.5 7.6a2 2 0 0 1-2 1.6H7'],
		'thumb-down': ['M17 14V3h3v11z', 'M17 14l-4 8a3 3 0 0 1-3-3v-4H4.8a2 2 0 0 1-2-2.4l1.5-7.6a2 2 0 0 1 2-1.6H17']
	};

	// The id of a message as the agent issues it (a path segment: never '.' or '..').
	var MESSAGE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

	function icon(name, size) {
		var svg = document.createElementNS(SVG_NS, 'svg');
		svg.setAttribute('viewBox', '0 0 24 24');
		svg.setAttribute('width', String(size || 16));
		svg.setAttribute('height', String(size || 16));
		svg.setAttribute('aria-hidden', 'true');
		svg.setAttribute('focusable', 'false');
		svg.setAttribute('class', 'icon');
		ICONS[name].forEach(function (d) {
			var path = document.createElementNS(SVG_NS, 'path');
			path.setAttribute('d', d);
			path.setAttribute('fill', 'none');
			path.setAttribute('stroke', 'currentColor');
			path.setAttribute('stroke-width', '2');
			path.setAttribute('stroke-linecap', 'round');
			path.setAttribute('stroke-linejoin', 'round');
			svg.appendChild(path);
		});
		return svg;
	}

	// ------------------------------------------------------------------ server-sent events over fetch

	/* Calls onEvent(name, data) for each event of a text/event-stream body. */
	function readEvents(response, onEvent) {
		var reader = response.body.getReader();
		var decoder = new TextDecoder();
		var buffer = '';

		function dispatch(block) {
			var name = 'message';
			var data = [];
			block.split('\n').forEach(function (line) {
				if (!line || line.charAt(0) === ':') {
					return;
				}
				var colon = line.indexOf(':');
				var field = colon < 0 ? line : line.slice(0, colon);
				var value = colon < 0 ? '' : line.slice(colon + 1);
				if (value.charAt(0) === ' ') {
					value = value.slice(1);
				}
				if (field === 'event') {
					name = value;
				} else if (field === 'data') {
					data.push(value);
				}
			});
			if (!data.length) {
				return;
			}
			var payload;
			try {
				payload = JSON.parse(data.join('\n'));
			} catch (e) {
				return;
			}
			onEvent(name, payload);
		}

		function drain(final) {
			var keep = '';
			if (!final && buffer.charAt(buffer.length - 1) === '\r') {
				keep = '\r';
				buffer = buffer.slice(0, -1);
			}
			buffer = buffer.replace(/\r\n?/g, '\n');
			var index;
			while ((index = buffer.indexOf('\n\n')) >= 0) {
				dispatch(buffer.slice(0, index));
				buffer = buffer.slice(index + 2);
			}
			buffer += keep;
		}

		function pump() {
			return reader.read().then(function (chunk) {
				if (chunk.done) {
					buffer += decoder.decode();
					buffer += '\n\n';
					drain(true);
					return;
				}
				buffer += decoder.decode(chunk.value, { stream: true });
				drain(false);
				return pump();
			});
		}

		return pump();
	}

	function readProblem(response) {
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

	// ------------------------------------------------------------------ the page

	function start() {
		var body = document.body;
		var config = {
			api: body.getAttribute('data-api') || '/api',
			maxLength: parseInt(body.getAttribute('data-max-length'), 10) || 4000,
			pollMs: parseInt(body.getAttribute('data-poll-ms'), 10) || 15000,
			retryInitialMs: parseInt(body.getAttribute('data-retry-initial-ms'), 10) || 1000,
			retryMaxMs: parseInt(body.getAttribute('data-retry-max-ms'), 10) || 15000,
			assistantName: body.getAttribute('data-assistant-name') || 'Assistant',
			avatar: body.getAttribute('data-avatar') || '',
			// What the server says when an answer stops after its first token; the page
			// says the same when it notices first.
			interrupted: {
				title: body.getAttribute('data-interrupted-title') || 'Answer interrupted',
				detail: body.getAttribute('data-interrupted-detail')
						|| 'The answer stopped before it was complete. Send the message again for a complete answer.'
			}
		};
		var ui = {
			messages: document.getElementById('messages'),
			welcome: document.getElementById('welcome'),
			historyNote: document.getElementById('history-note'),
			composer: document.getElementById('composer'),
			input: document.getElementById('message'),
			send: document.getElementById('send'),
			counter: document.getElementById('counter'),
			newChat: document.getElementById('new-chat'),
			themeToggle: document.getElementById('theme-toggle'),
			status: document.getElementById('status'),
			notice: document.getElementById('notice'),
			noticeRetry: document.getElementById('notice-retry'),
			announcer: document.getElementById('announcer'),
			composerNote: document.getElementById('composer-note'),
			jump: document.getElementById('jump'),
			earlier: document.getElementById('earlier'),
			earlierButton: document.getElementById('earlier-button'),
			sidebar: document.getElementById('sidebar'),
			sidebarToggle: document.getElementById('conversations-toggle'),
			sidebarClose: document.getElementById('sidebar-close'),
			conversationList: document.getElementById('conversation-list'),
			conversationsEmpty: document.getElementById('conversations-empty'),
			conversationsMore: document.getElementById('conversations-more'),
			undo: document.getElementById('undo'),
			undoText: document.getElementById('undo-text'),
			undoButton: document.getElementById('undo-button')
		};
		if (!ui.messages || !ui.composer) {
			return;
		}
		var reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
		// Created when the first message needs it: building a formatter costs a few milliseconds at start.
		var timeFormat = null;

		var conversationId = load(CONVERSATION_KEY);
		// Whether the composer's note is the hint about Enter while an answer streams.
		var busyHint = false;
		var current = null;
		var historyPending = false;
		var historyLoading = false;
		// The cursor of the page before the earliest one shown, while there is one.
		var earlierCursor = null;
		var earlierLoading = false;
		// Where new messages go: the transcript, or a fragment while an earlier page is built.
		var renderTarget = null;
		// The message waiting for the assistant, if any:
		// {message, at, key, article, auto, attempts, notBefore}.
		var pending = null;
		var pendingTimer = null;

		// ---- announcements and scrolling

		/*
		 * Says something through the polite live region. A list of texts becomes one paragraph
		 * each, so that screen readers keep the boundaries between an answer's blocks (a single
		 * string glues the last word of a paragraph to the first of the next list item).
		 */
		var announceTimer = null;
		function announce(text) {
			var parts = (Array.isArray(text) ? text : [text]).filter(function (part) {
				return !!part;
			});
			ui.announcer.replaceChildren();
			window.clearTimeout(announceTimer);
			announceTimer = window.setTimeout(function () {
				parts.forEach(function (part, index) {
					if (index > 0) {
						ui.announcer.appendChild(document.createTextNode('\n'));
					}
					ui.announcer.appendChild(el('p', null, part));
				});
			}, 60);
		}

		function nearBottom() {
			var doc = document.documentElement;
			return window.innerHeight + window.scrollY >= doc.scrollHeight - 160;
		}

		function scrollToBottom(smooth) {
			window.scrollTo({
				top: document.documentElement.scrollHeight,
				behavior: (smooth && !reducedMotion.matches) ? 'smooth' : 'auto'
			});
			ui.jump.hidden = true;
		}

		function keepInView(wasNearBottom) {
			if (wasNearBottom) {
				scrollToBottom(false);
			} else {
				ui.jump.hidden = false;
			}
		}

		window.addEventListener('scroll', function () {
			if (!ui.jump.hidden && nearBottom()) {
				ui.jump.hidden = true;
			}
		}, { passive: true });

		ui.jump.addEventListener('click', function () {
			scrollToBottom(true);
			ui.input.focus();
		});

		// ---- conversation state

		function setConversation(id) {
			conversationId = id;
			store(CONVERSATION_KEY, id);
		}

		function showWelcome(visible) {
			ui.welcome.hidden = !visible;
		}

		function clearTranscript() {
			ui.messages.replaceChildren();
			earlierCursor = null;
			ui.earlier.hidden = true;
			ui.historyNote.hidden = true;
			ui.historyNote.replaceChildren();
		}

		function timeElement(at) {
			var date = at ? new Date(at) : new Date();
			if (isNaN(date.getTime())) {
				date = new Date();
			}
			timeFormat = timeFormat || new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
			var time = el('time', 'message-time', timeFormat.format(date));
			time.setAttribute('datetime', date.toISOString());
			return time;
		}

		// ---- messages

		function appendUserMessage(text, at) {
			var article = el('article', 'message message-user');
			article.setAttribute('aria-label', 'You said');
			var avatar = el('div', 'avatar avatar-user', 'You');
			avatar.setAttribute('aria-hidden', 'true');
			var bodyEl = el('div', 'message-body');
			var meta = el('div', 'message-meta');
			// The author is the message's heading (level 2, under the page's title): screen reader users
			// jump from message to message with it, and an answer's own headings start below it.
			meta.appendChild(el('h2', 'message-author', 'You'));
			meta.appendChild(timeElement(at));
			// Plain text, line breaks kept by the style sheet (white-space: pre-wrap).
			var bubble = el('div', 'bubble', text);
			bodyEl.appendChild(meta);
			bodyEl.appendChild(bubble);
			article.appendChild(avatar);
			article.appendChild(bodyEl);
			(renderTarget || ui.messages).appendChild(article);
			return article;
		}

		function AssistantMessage(at) {
			var self = this;
			this.raw = '';
			this.model = null;
			this.degraded = false;
			this.isInterrupted = false;
			// The answer's id in the conversation and the user's rating of it ('up', 'down' or null).
			this.messageId = null;
			this.conversationId = null;
			this.feedback = null;
			this.ratingRequest = 0;
			this.article = el('article', 'message message-assistant');
			this.article.setAttribute('aria-label', config.assistantName + ' answered');
			var avatar = el('div', 'avatar avatar-assistant');
			avatar.setAttribute('aria-hidden', 'true');
			if (config.avatar) {
				var img = el('img');
				img.src = config.avatar;
				img.alt = '';
				img.width = 32;
				img.height = 32;
				avatar.appendChild(img);
			}
			var bodyEl = el('div', 'message-body');
			this.meta = el('div', 'message-meta');
			this.meta.appendChild(el('h2', 'message-author', config.assistantName));
			this.badges = el('span', 'badges');
			this.meta.appendChild(this.badges);
			this.meta.appendChild(timeElement(at));
			this.content = el('div', 'markdown');
			this.extras = el('div', 'message-extras');
			bodyEl.appendChild(this.meta);
			bodyEl.appendChild(this.content);
			bodyEl.appendChild(this.extras);
			this.article.appendChild(avatar);
			this.article.appendChild(bodyEl);
			this.renderScheduled = false;
			this.renderNow = function () {
				self.renderScheduled = false;
				var follow = nearBottom();
				self.content.replaceChildren(renderMarkdown(self.raw));
				keepInView(follow);
			};
			(renderTarget || ui.messages).appendChild(this.article);
		}

		AssistantMessage.prototype.pending = function () {
			this.raw = '';
			this.isInterrupted = false;
			this.messageId = null;
			this.feedback = null;
			this.article.setAttribute('aria-busy', 'true');
			this.article.setAttribute('aria-label', config.assistantName + ' answered');
			this.article.classList.remove('is-failed', 'is-stopped', 'is-interrupted');
			this.article.classList.add('is-streaming');
			this.extras.replaceChildren();
			this.started = false;
			// Visible words, not only dots: the dots pulse, or stand still with reduced motion.
			var typing = el('div', 'typing');
			var dots = el('span', 'typing-dots');
			dots.setAttribute('aria-hidden', 'true');
			for (var i = 0; i < 3; i++) {
				dots.appendChild(el('span', 'typing-dot'));
			}
			typing.appendChild(dots);
			typing.appendChild(el('span', 'typing-label', config.assistantName + ' is thinking…'));
			this.content.replaceChildren(typing);
		};

		AssistantMessage.prototype.setModel = function (model, degraded) {
			this.model = model || this.model;
			this.degraded = !!degraded;
			this.badges.replaceChildren();
			if (this.model) {
				var badge = el('span', 'badge badge-model', this.model);
				badge.title = 'Answered by ' + this.model;
				this.badges.appendChild(badge);
			}
			if (this.degraded) {
				var degradedBadge = el('span', 'badge badge-degraded', 'Fallback');
				degradedBadge.title = 'The preferred model was failing, so a fallback model answered.';
				degradedBadge.appendChild(el('span', 'visually-hidden',
						': the preferred model was failing, so a fallback model answered'));
				this.badges.appendChild(degradedBadge);
			}
			if (this.isInterrupted) {
				var interruptedBadge = el('span', 'badge badge-interrupted', 'Interrupted');
				interruptedBadge.title = 'The answer stopped before it was complete.';
				interruptedBadge.appendChild(el('span', 'visually-hidden',
						': the answer stopped before it was complete'));
				this.badges.appendChild(interruptedBadge);
			}
		};

		AssistantMessage.prototype.append = function (text) {
			if (typeof text !== 'string' || !text) {
				return;
			}
			this.raw += text;
			if (!this.started) {
				this.started = true;
				announce(config.assistantName + ' is answering.');
			}
			if (!this.renderScheduled) {
				this.renderScheduled = true;
				window.requestAnimationFrame(this.renderNow);
			}
		};

		AssistantMessage.prototype.finish = function () {
			this.article.removeAttribute('aria-busy');
			this.article.classList.remove('is-streaming');
			this.renderScheduled = false;
			this.content.replaceChildren(renderMarkdown(this.raw));
		};

		/* The finished answer for the live region: one entry per block, the first after the lead. */
		AssistantMessage.prototype.spoken = function (lead) {
			var blocks = speakable(this.content);
			if (!blocks.length) {
				return [lead + '.'];
			}
			return [lead + ': ' + blocks[0]].concat(blocks.slice(1));
		};

		AssistantMessage.prototype.done = function (done) {
			var follow = nearBottom();
			if (done && typeof done.reply === 'string' && done.reply) {
				this.raw = done.reply;
			}
			this.setModel(done && done.model, done && done.degraded);
			this.identify(done && done.messageId, null);
			this.finish();
			this.citations(done && done.citations);
			this.actions();
			keepInView(follow);
		};

		AssistantMessage.prototype.citations = function (citations) {
			if (!Array.isArray(citations) || !citations.length) {
				return;
			}
			var details = el('details', 'sources');
			var summary = el('summary', 'sources-summary');
			summary.appendChild(icon('source', 15));
			summary.appendChild(document.createTextNode(
					citations.length === 1 ? '1 source' : citations.length + ' sources'));
			details.appendChild(summary);
			var list = el('ol', 'sources-list');
			citations.forEach(function (citation) {
				if (!citation || typeof citation !== 'object') {
					return;
				}
				var item = el('li', 'source');
				item.appendChild(el('span', 'source-title', citation.title || citation.source || 'Source'));
				if (citation.source && citation.source !== citation.title) {
					item.appendChild(el('code', 'source-path', citation.source));
				}
				if (citation.excerpt) {
					// Excerpts are Markdown from the knowledge base: rendered like answers, with their
					// headings as bold lines (a quote must not add to the page's outline).
					var excerpt = el('blockquote', 'source-excerpt');
					excerpt.appendChild(renderMarkdown(String(citation.excerpt), { headingLevel: 0 }));
					item.appendChild(excerpt);
				}
				list.appendChild(item);
			});
			details.appendChild(list);
			this.extras.appendChild(details);
		};

		/* The answer's id in its conversation (what a rating names) and its rating, when the agent sent them. */
		AssistantMessage.prototype.identify = function (messageId, feedback) {
			if (typeof messageId === 'string' && MESSAGE_ID.test(messageId) && conversationId) {
				this.messageId = messageId;
				this.conversationId = conversationId;
				this.feedback = (feedback === 'up' || feedback === 'down') ? feedback : null;
			}
		};

		AssistantMessage.prototype.actions = function () {
			var self = this;
			var canCopy = navigator.clipboard && window.isSecureContext && this.raw;
			if (!canCopy && !this.messageId) {
				return;
			}
			var bar = el('div', 'message-actions');
			if (canCopy) {
				var copy = el('button', 'button button-tiny');
				copy.type = 'button';
				copy.appendChild(icon('copy', 14));
				var label = el('span', null, 'Copy');
				copy.appendChild(label);
				copy.addEventListener('click', function () {
					navigator.clipboard.writeText(self.raw).then(function () {
						label.textContent = 'Copied';
						announce('Answer copied.');
						window.setTimeout(function () {
							label.textContent = 'Copy';
						}, 2000);
					}, function () {
						label.textContent = 'Copy failed';
					});
				});
				bar.appendChild(copy);
			}
			if (this.messageId) {
				bar.appendChild(this.thumbs());
			}
			this.extras.appendChild(bar);
		};

		/*
		 * The feedback thumbs: two toggle buttons (aria-pressed) in a labelled group. Pressing the
		 * pressed one takes the rating back. The page shows the new rating at once and puts the old
		 * one back when the agent could not store it.
		 */
		AssistantMessage.prototype.thumbs = function () {
			var self = this;
			var group = el('div', 'feedback');
			group.setAttribute('role', 'group');
			group.setAttribute('aria-label', 'Rate this answer');
			this.thumbButtons = {};
			[['up', 'Good answer'], ['down', 'Bad answer']].forEach(function (pair) {
				var rating = pair[0];
				var button = el('button', 'button button-tiny feedback-button feedback-' + rating);
				button.type = 'button';
				button.setAttribute('aria-label', pair[1]);
				button.title = pair[1];
				button.setAttribute('data-rating', rating);
				button.appendChild(icon('thumb-' + rating, 16));
				button.addEventListener('click', function () {
					self.rate(self.feedback === rating ? null : rating);
				});
				self.thumbButtons[rating] = button;
				group.appendChild(button);
			});
			this.showFeedback();
			return group;
		};

		AssistantMessage.prototype.showFeedback = function () {
			var self = this;
			Object.keys(this.thumbButtons || {}).forEach(function (rating) {
				self.thumbButtons[rating].setAttribute('aria-pressed', String(self.feedback === rating));
			});
		};

		AssistantMessage.prototype.rate = function (rating) {
			var self = this;
			var before = this.feedback;
			var request = ++this.ratingRequest;
			this.feedback = rating;
			this.showFeedback();
			fetch(config.api + '/conversations/' + encodeURIComponent(this.conversationId) + '/messages/'
					+ encodeURIComponent(this.messageId) + '/feedback', {
				method: 'PUT',
				credentials: 'same-origin',
				cache: 'no-store',
				headers: { 'Accept': 'application/json, application/problem+json', 'Content-Type': 'application/json' },
				body: JSON.stringify({ rating: rating || 'none' })
			}).then(function (response) {
				if (!response.ok) {
					throw new Error('HTTP ' + response.status);
				}
				if (request === self.ratingRequest) {
					announce(rating === 'up' ? 'Rated as a good answer.'
							: rating === 'down' ? 'Rated as a bad answer.' : 'Rating removed.');
				}
			}).catch(function () {
				if (request === self.ratingRequest) {
					self.feedback = before;
					self.showFeedback();
					announce('Your rating could not be saved. Try again in a moment.');
				}
			});
		};

		AssistantMessage.prototype.stopped = function () {
			var follow = nearBottom();
			this.finish();
			this.article.classList.add('is-stopped');
			if (!this.raw) {
				this.content.replaceChildren(el('p', 'muted', 'Stopped before the answer began.'));
			}
			var note = el('p', 'stopped-note', 'Stopped. The answer is incomplete.');
			this.extras.replaceChildren(note);
			keepInView(follow);
		};

		AssistantMessage.prototype.fail = function (problem, retry) {
			var self = this;
			var follow = nearBottom();
			this.finish();
			this.article.classList.add('is-failed');
			if (!this.raw) {
				this.content.replaceChildren();
			}
			var box = el('div', 'error');
			box.setAttribute('role', 'alert');
			var text = el('p', 'error-text');
			text.appendChild(el('strong', 'error-title', (problem && problem.title) || 'Something went wrong'));
			text.appendChild(document.createTextNode(' '));
			text.appendChild(el('span', 'error-detail', (problem && problem.detail) || 'Try again.'));
			box.appendChild(text);
			if (retry) {
				var button = el('button', 'button button-small button-retry');
				button.type = 'button';
				button.appendChild(icon('retry', 15));
				var label = el('span', null, 'Retry');
				button.appendChild(label);
				var wait = problem && problem.retryAfterSeconds ? Math.min(600, Number(problem.retryAfterSeconds)) : 0;
				if (wait > 0) {
					button.disabled = true;
					var left = Math.ceil(wait);
					label.textContent = 'Retry in ' + left + ' s';
					var countdown = window.setInterval(function () {
						left--;
						if (left <= 0 || !button.isConnected) {
							window.clearInterval(countdown);
							button.disabled = false;
							label.textContent = 'Retry';
						} else {
							label.textContent = 'Retry in ' + left + ' s';
						}
					}, 1000);
				}
				button.addEventListener('click', function () {
					var hadFocus = document.activeElement === button;
					retry(self);
					if (hadFocus) {
						ui.input.focus();
					}
				});
				box.appendChild(button);
			}
			this.extras.replaceChildren(box);
			keepInView(follow);
		};

		/*
		 * An answer that stopped after its first token: the text stays, marked as
		 * incomplete (badge, label and note, not colour alone), with Retry, which sends
		 * the same message again as a new turn, as the agent's history records it. live:
		 * whether to alert screen readers (not for history).
		 */
		AssistantMessage.prototype.interrupted = function (problem, retry, live) {
			var follow = nearBottom();
			this.finish();
			this.isInterrupted = true;
			this.article.classList.add('is-interrupted');
			this.article.setAttribute('aria-label', config.assistantName + ' answered (interrupted, incomplete)');
			this.setModel(this.model, this.degraded);
			var box = el('div', 'interrupted-note');
			if (live) {
				box.setAttribute('role', 'alert');
			}
			var text = el('p', 'error-text');
			text.appendChild(el('strong', 'error-title', (problem && problem.title) || config.interrupted.title));
			text.appendChild(document.createTextNode(' '));
			text.appendChild(el('span', 'error-detail', (problem && problem.detail) || config.interrupted.detail));
			box.appendChild(text);
			if (retry) {
				var button = el('button', 'button button-small button-retry');
				button.type = 'button';
				button.appendChild(icon('retry', 15));
				button.appendChild(el('span', null, 'Retry'));
				button.addEventListener('click', function () {
					if (retry()) {
						button.remove();
					}
					ui.input.focus();
				});
				box.appendChild(button);
			}
			this.extras.replaceChildren(box);
			this.actions();
			keepInView(follow);
		};

		AssistantMessage.fromHistory = function (message, question) {
			var answer = new AssistantMessage(message.at);
			answer.raw = typeof message.text === 'string' ? message.text : '';
			answer.setModel(message.model, message.degraded);
			answer.identify(message.id, message.feedback);
			answer.finish();
			if (message.interrupted === true) {
				answer.interrupted(config.interrupted, question ? function () {
					return send(question);
				} : null, false);
			} else {
				answer.actions();
			}
			answer.citations(message.citations);
			return answer;
		};

		// ---- code blocks: one listener for all Copy buttons, also those of answers still streaming

		ui.messages.addEventListener('click', function (event) {
			var button = event.target.closest ? event.target.closest('.code-copy') : null;
			if (!button || !ui.messages.contains(button)) {
				return;
			}
			var block = button.closest('.code-block');
			var code = block && block.querySelector('pre');
			var label = button.querySelector('.code-copy-label');
			if (!code || !navigator.clipboard) {
				return;
			}
			navigator.clipboard.writeText(code.textContent).then(function () {
				label.textContent = 'Copied';
				announce('Code copied.');
				window.setTimeout(function () {
					label.textContent = 'Copy';
				}, 2000);
			}, function () {
				label.textContent = 'Copy failed';
			});
		});

		// ---- sending

		function isRetriable(status) {
			return !status || status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
		}

		function setBusy(busy) {
			ui.send.setAttribute('data-mode', busy ? 'stop' : 'send');
			ui.send.setAttribute('aria-label', busy ? 'Stop the answer' : 'Send message');
			ui.send.title = busy ? 'Stop (Escape)' : 'Send (Enter)';
			ui.composer.classList.toggle('is-busy', busy);
			document.body.classList.toggle('is-busy', busy);
		}

		/*
		 * Sends a message and streams its answer. answer: an answer to fill again (Retry
		 * of a failed answer), or none for a new turn. waiting: the pending message being
		 * sent. Returns whether the message went out (false while busy, when empty or too
		 * long, or when another message is waiting for the assistant).
		 */
		function send(text, answer, waiting) {
			if (current) {
				return false;
			}
			var message = String(text || '').replace(/^\s+|\s+$/g, '');
			if (!message) {
				return false;
			}
			if (message.length > config.maxLength) {
				announce('The message is too long: at most ' + config.maxLength + ' characters.');
				return false;
			}
			if (pending && !waiting) {
				// At most one message waits per conversation; this one stays in the box.
				noteComposer('Your earlier message is still waiting for the assistant. Send this one after it has'
						+ ' been answered, or discard the waiting one.');
				return false;
			}
			noteComposer(null);
			showWelcome(false);
			var follow = true;
			var question;
			if (waiting) {
				question = waiting.article;
				answer = new AssistantMessage();
			} else if (!answer) {
				question = appendUserMessage(message);
				if (text === ui.input.value) {
					ui.input.value = '';
					autosize();
					updateCounter();
				}
				answer = new AssistantMessage();
			} else {
				question = answer.article.previousElementSibling;
			}
			answer.pending();
			keepInView(follow);
			var controller = new AbortController();
			current = { controller: controller, answer: answer };
			setBusy(true);
			var finished = false;
			var responded = false;
			var retry = function (target) {
				send(message, target);
			};
			var again = function () {
				return send(message);
			};
			// The message could not reach the assistant: it waits, visibly, and goes out
			// by itself once the assistant is back.
			var wait = function (problem) {
				if (!question || !question.classList.contains('message-user')) {
					answer.fail(problem || { title: 'Connection problem', detail: 'Try again in a moment.' }, retry);
					return;
				}
				answer.article.remove();
				makePending(message, question, waiting ? waiting.attempts + 1 : 1, problem);
			};
			var settled = function () {
				if (waiting) {
					forgetPending(waiting);
				}
			};
			fetch(config.api + '/chat/stream', {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'Accept': 'text/event-stream, application/problem+json'
				},
				body: JSON.stringify({ conversationId: conversationId || null, message: message }),
				credentials: 'same-origin',
				cache: 'no-store',
				signal: controller.signal
			}).then(function (response) {
				responded = true;
				if (!response.ok) {
					return readProblem(response).then(function (problem) {
						finished = true;
						if (PENDING_PROBLEMS.test(problem.type || '')) {
							wait(problem);
						} else {
							settled();
							answer.fail(problem, isRetriable(problem.status || response.status) ? retry : null);
						}
						afterFailure(problem);
					});
				}
				return readEvents(response, function (name, data) {
					if (finished) {
						return;
					}
					if (name === 'meta') {
						if (data.conversationId) {
							setConversation(data.conversationId);
						}
						answer.setModel(data.model, data.degraded);
					} else if (name === 'token') {
						answer.append(data.text);
					} else if (name === 'done') {
						finished = true;
						settled();
						answer.done(data);
						conversations.refresh();
						announce(answer.spoken(config.assistantName + ' answered'
								+ (data.degraded ? ' with a fallback model' : '')));
						status.observe(data);
					} else if (name === 'error') {
						finished = true;
						var problem = data.problem || {};
						if (answer.raw) {
							settled();
							answer.interrupted(problem, again, true);
							announce(config.assistantName + '\'s answer was interrupted.');
						} else if (PENDING_PROBLEMS.test(problem.type || '')) {
							wait(problem);
						} else {
							settled();
							answer.fail(problem, isRetriable(problem.status) ? retry : null);
						}
						afterFailure(problem);
					}
				}).then(function () {
					if (!finished) {
						finished = true;
						settled();
						if (answer.raw) {
							answer.interrupted(config.interrupted, again, true);
						} else {
							answer.fail({ title: 'Connection lost', detail: 'The answer was cut off. Try again.' }, retry);
						}
						status.checkSoon();
					}
				});
			}).catch(function () {
				if (controller.signal.aborted) {
					if (!finished) {
						finished = true;
						settled();
						answer.stopped();
						announce('Answer stopped.');
					}
					return;
				}
				if (!finished) {
					finished = true;
					if (answer.raw) {
						settled();
						answer.interrupted(config.interrupted, again, true);
					} else if (!responded) {
						// No response at all: the message may never have left this page.
						wait(null);
					} else {
						settled();
						answer.fail({ title: 'Connection lost', detail: 'The answer was cut off. Try again.' }, retry);
					}
					status.checkSoon();
				}
			}).then(function () {
				current = null;
				setBusy(false);
				if (busyHint) {
					busyHint = false;
					noteComposer(null);
				}
				if (pending && pending.auto) {
					armPendingTimer();
				}
			});
			return true;
		}

		function noteComposer(text) {
			if (!ui.composerNote) {
				return;
			}
			if (text === null) {
				busyHint = false;
			}
			ui.composerNote.textContent = text || '';
			ui.composerNote.hidden = !text;
		}

		// ---- pending messages

		function pendingKey(id) {
			return id || '';
		}

		function storedPending() {
			try {
				var all = JSON.parse(load(PENDING_KEY) || '{}');
				return (all && typeof all === 'object' && !Array.isArray(all)) ? all : {};
			} catch (e) {
				return {};
			}
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
		function makePending(message, article, attempts, problem) {
			var at = article.querySelector('time');
			var delay = Math.min(config.retryInitialMs * Math.pow(2, Math.max(0, attempts - 1)), config.retryMaxMs);
			var retryAfter = problem && Number(problem.retryAfterSeconds);
			if (retryAfter > 0) {
				delay = Math.max(delay, Math.min(retryAfter, 600) * 1000);
			}
			pending = {
				message: message,
				at: at ? at.getAttribute('datetime') : new Date().toISOString(),
				key: pendingKey(conversationId),
				article: article,
				auto: true,
				attempts: attempts,
				notBefore: Date.now() + delay
			};
			storePending(pending.key, { message: pending.message, at: pending.at });
			renderPending();
			announce('The assistant is unavailable. Your message will be sent when it is back.');
		}

		function renderPending() {
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
					if (pending && !current) {
						var waiting = pending;
						waiting.auto = true;
						flushPending();
						ui.input.focus();
					}
				});
				note.appendChild(sendNow);
			}
			var discard = el('button', 'button button-tiny pending-discard', 'Discard');
			discard.type = 'button';
			discard.addEventListener('click', function () {
				discardPending();
				announce('The unsent message was discarded.');
				ui.input.focus();
			});
			note.appendChild(discard);
			article.querySelector('.message-body').appendChild(note);
		}

		/* The pending message leaves its waiting state (it is being sent, or discarded). */
		function unmarkPending(waiting) {
			var article = waiting.article;
			article.classList.remove('is-pending');
			article.setAttribute('aria-label', 'You said');
			var note = article.querySelector('.pending-note');
			if (note) {
				note.remove();
			}
		}

		/* The pending message reached the assistant (or failed for good): forget it. */
		function forgetPending(waiting) {
			storePending(waiting.key, null);
			if (pending === waiting) {
				pending = null;
			}
			noteComposer(null);
		}

		function discardPending() {
			if (!pending) {
				return;
			}
			var waiting = pending;
			window.clearTimeout(pendingTimer);
			forgetPending(waiting);
			waiting.article.remove();
			showWelcome(ui.messages.childElementCount === 0 && !conversationId);
		}

		function flushPending() {
			if (!pending || current) {
				return;
			}
			var waiting = pending;
			window.clearTimeout(pendingTimer);
			unmarkPending(waiting);
			// Stays stored until the assistant has it: a tab closed meanwhile offers it again.
			pending = null;
			send(waiting.message, null, waiting);
		}

		/* Called whenever a status check finds the assistant able to answer. */
		function maybeFlushPending() {
			if (!pending || !pending.auto || current || historyLoading) {
				return;
			}
			if (Date.now() >= pending.notBefore) {
				flushPending();
			} else {
				armPendingTimer();
			}
		}

		/* Checks the assistant's status again once the pending message may go out. */
		function armPendingTimer() {
			window.clearTimeout(pendingTimer);
			pendingTimer = window.setTimeout(function () {
				status.checkSoon();
			}, Math.max(0, pending.notBefore - Date.now()));
		}

		/* After a reload: a message that never reached the assistant is shown and offered. */
		function restorePending() {
			var entry = storedPending()[pendingKey(conversationId)];
			if (!entry || typeof entry.message !== 'string' || !entry.message) {
				return;
			}
			showWelcome(false);
			pending = {
				message: entry.message,
				at: entry.at,
				key: pendingKey(conversationId),
				article: appendUserMessage(entry.message, entry.at),
				auto: false,
				attempts: 0,
				notBefore: 0
			};
			renderPending();
		}

		function afterFailure(problem) {
			var code = problem && problem.status;
			if (code === 503 || code === 502 || code === 504) {
				status.checkSoon();
			}
			if (code === 404) {
				// The agent forgot this conversation: the next message starts a new one.
				setConversation(null);
			}
		}

		function stop() {
			if (current) {
				current.controller.abort();
			}
		}

		// ---- composer

		function autosize() {
			ui.input.style.height = 'auto';
			var max = Math.max(120, Math.round(window.innerHeight * 0.4));
			ui.input.style.height = Math.min(ui.input.scrollHeight, max) + 'px';
		}

		function updateCounter() {
			var length = ui.input.value.length;
			if (length >= config.maxLength * 0.8) {
				ui.counter.textContent = length + ' / ' + config.maxLength;
				ui.counter.classList.toggle('is-full', length >= config.maxLength);
			} else {
				ui.counter.textContent = '';
			}
		}

		ui.input.addEventListener('input', function () {
			autosize();
			updateCounter();
		});

		ui.input.addEventListener('keydown', function (event) {
			if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey
					&& !event.isComposing && event.keyCode !== 229) {
				event.preventDefault();
				if (!current) {
					send(ui.input.value);
				} else if (ui.input.value.trim()) {
					// Not queued: a follow-up usually depends on the answer being written.
					busyHint = true;
					noteComposer(config.assistantName + ' is still answering. Your message stays here: press Enter'
							+ ' again when the answer is complete, or Escape to stop the answer.');
				}
			} else if (event.key === 'Escape' && current) {
				event.preventDefault();
				stop();
			}
		});

		document.addEventListener('keydown', function (event) {
			if (event.key === 'Escape' && current && event.target !== ui.input) {
				stop();
			}
		});

		ui.composer.addEventListener('submit', function (event) {
			event.preventDefault();
			if (current) {
				stop();
			} else {
				send(ui.input.value);
				ui.input.focus();
			}
		});

		Array.prototype.forEach.call(document.querySelectorAll('[data-suggestion]'), function (button) {
			button.addEventListener('click', function () {
				send(button.getAttribute('data-suggestion'));
				ui.input.focus();
			});
		});

		ui.newChat.addEventListener('click', function () {
			newChat();
			ui.input.focus();
			announce('New conversation started.' + (newChatDiscarded ? ' The unsent message was discarded.' : ''));
		});

		// Leaves the conversation shown (it stays in the list) for an empty one.
		var newChatDiscarded = false;
		function newChat() {
			stop();
			var hadPending = !!pending;
			// The waiting message belongs to the conversation being left.
			discardPending();
			noteComposer(null);
			setConversation(null);
			clearTranscript();
			showWelcome(true);
			historyPending = false;
			ui.input.value = '';
			autosize();
			updateCounter();
			window.scrollTo({ top: 0 });
			newChatDiscarded = hadPending;
			conversations.render();
		}

		// ---- theme

		var darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

		function effectiveTheme() {
			var chosen = root.getAttribute('data-theme');
			return chosen || (darkQuery.matches ? 'dark' : 'light');
		}

		function syncThemeToggle() {
			ui.themeToggle.setAttribute('aria-pressed', effectiveTheme() === 'dark' ? 'true' : 'false');
		}

		ui.themeToggle.addEventListener('click', function () {
			var next = effectiveTheme() === 'dark' ? 'light' : 'dark';
			applyTheme(next);
			store(THEME_KEY, next);
			syncThemeToggle();
		});

		if (darkQuery.addEventListener) {
			darkQuery.addEventListener('change', syncThemeToggle);
		}
		syncThemeToggle();

		// ---- history

		function noteHistory(text) {
			ui.historyNote.replaceChildren(el('p', null, text));
			ui.historyNote.hidden = false;
		}

		function renderMessages(messages) {
			var question = null;
			(Array.isArray(messages) ? messages : []).forEach(function (message) {
				if (message.role === 'user') {
					question = typeof message.text === 'string' ? message.text : '';
					appendUserMessage(question, message.at);
				} else if (message.role === 'assistant') {
					AssistantMessage.fromHistory(message, question);
				}
			});
		}

		function historyUrl(id, before) {
			return config.api + '/conversations/' + encodeURIComponent(id)
					+ (before ? '?before=' + encodeURIComponent(before) : '');
		}

		/*
		 * Loads the page before the earliest one shown and puts it above, the reader's place kept:
		 * a long conversation opens with its latest page, and earlier ones come as the reader
		 * scrolls up (or presses the button).
		 */
		function loadEarlier() {
			if (!earlierCursor || earlierLoading || !conversationId) {
				return;
			}
			var id = conversationId;
			earlierLoading = true;
			ui.earlierButton.textContent = 'Loading earlier messages…';
			fetch(historyUrl(id, earlierCursor), {
				headers: { 'Accept': 'application/json, application/problem+json' },
				credentials: 'same-origin',
				cache: 'no-store'
			}).then(function (response) {
				if (!response.ok) {
					var seconds = parseInt(response.headers.get('Retry-After'), 10);
					throw new Error(isNaN(seconds) ? 'HTTP ' + response.status : 'retry:' + seconds);
				}
				return response.json();
			}).then(function (page) {
				if (id !== conversationId || !earlierCursor) {
					return;
				}
				var fragment = document.createDocumentFragment();
				var jumpHidden = ui.jump.hidden;
				renderTarget = fragment;
				try {
					renderMessages(page && page.messages);
				} finally {
					renderTarget = null;
				}
				var doc = document.documentElement;
				var height = doc.scrollHeight;
				var top = window.scrollY;
				ui.messages.insertBefore(fragment, ui.messages.firstChild);
				window.scrollTo({ top: top + doc.scrollHeight - height, behavior: 'auto' });
				ui.jump.hidden = jumpHidden;
				earlierCursor = (page && typeof page.earlier === 'string') ? page.earlier : null;
				ui.earlier.hidden = !earlierCursor;
				if (!earlierCursor) {
					announce('This is the start of the conversation.');
				}
			}).catch(function (error) {
				// Over the browser's budget, or the assistant is away: the button stays, to try again.
				var match = /^retry:(\d+)$/.exec(error && error.message);
				if (match) {
					ui.earlierButton.disabled = true;
					window.setTimeout(function () {
						ui.earlierButton.disabled = false;
						earlierInView();
					}, Math.min(60, parseInt(match[1], 10)) * 1000);
				}
			}).then(function () {
				earlierLoading = false;
				ui.earlierButton.textContent = 'Show earlier messages';
				earlierInView();
			});
		}

		// An observer sees the top being reached; when a page did not fill the screen, the next one
		// is loaded at once.
		function earlierInView() {
			if (earlierCursor && !ui.earlierButton.disabled && !ui.earlier.hidden
					&& ui.earlier.getBoundingClientRect().bottom > -400) {
				loadEarlier();
			}
		}

		ui.earlierButton.addEventListener('click', loadEarlier);
		if ('IntersectionObserver' in window) {
			new IntersectionObserver(function (entries) {
				if (entries.some(function (entry) { return entry.isIntersecting; })) {
					loadEarlier();
				}
			}, { rootMargin: '400px 0px 0px 0px' }).observe(ui.earlier);
		}

		function loadHistory() {
			if (!conversationId) {
				showWelcome(ui.messages.childElementCount === 0);
				return Promise.resolve();
			}
			showWelcome(false);
			noteHistory('Loading your conversation…');
			historyLoading = true;
			var id = conversationId;
			return fetch(historyUrl(id), {
				headers: { 'Accept': 'application/json, application/problem+json' },
				credentials: 'same-origin',
				cache: 'no-store'
			}).then(function (response) {
				if (response.status === 404 || response.status === 400) {
					if (pending && pending.key === pendingKey(conversationId)) {
						// The agent forgot the conversation: the waiting message starts a new one.
						storePending(pending.key, null);
						pending.key = pendingKey(null);
						storePending(pending.key, { message: pending.message, at: pending.at });
					}
					setConversation(null);
					historyPending = false;
					ui.historyNote.hidden = true;
					showWelcome(ui.messages.childElementCount === 0);
					return;
				}
				if (!response.ok) {
					throw new Error('HTTP ' + response.status);
				}
				return response.json().then(function (conversation) {
					if (current || id !== conversationId) {
						return;
					}
					historyPending = false;
					clearTranscript();
					renderMessages(conversation && conversation.messages);
					earlierCursor = (conversation && typeof conversation.earlier === 'string') ? conversation.earlier : null;
					ui.earlier.hidden = !earlierCursor;
					if (pending) {
						// The waiting message is the latest one.
						ui.messages.appendChild(pending.article);
					}
					showWelcome(ui.messages.childElementCount === 0);
					scrollToBottom(false);
				});
			}).catch(function () {
				historyPending = true;
				if (ui.messages.querySelectorAll('.message:not(.is-pending)').length === 0) {
					noteHistory('Your conversation will appear here as soon as the assistant is back.');
				}
			}).then(function () {
				historyLoading = false;
			});
		}

		// ---- the list of this browser's conversations

		var conversations = (function () {
			var UNDO_MS = 8000;
			// Summaries as the frontend sends them, the most recently active first.
			var items = [];
			var next = null;
			// A deletion that can still be undone: {summary, index, wasCurrent, timer}.
			var deleted = null;
			var listFormat = null;

			function request(path, options) {
				options = options || {};
				options.credentials = 'same-origin';
				options.cache = 'no-store';
				options.headers = Object.assign({ 'Accept': 'application/json, application/problem+json' },
						options.headers || {});
				return fetch(config.api + path, options);
			}

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

			function titleOf(summary) {
				return (summary && typeof summary.title === 'string' && summary.title) ? summary.title : 'Conversation';
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
					if (id === conversationId) {
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
				return request('/conversations').then(function (response) {
					if (!response.ok) {
						throw new Error('HTTP ' + response.status);
					}
					return response.json();
				}).then(function (list) {
					var pendingDelete = deleted && deleted.summary.conversationId;
					items = (list && Array.isArray(list.conversations) ? list.conversations : [])
						.filter(function (summary) {
							return summary && summary.conversationId !== pendingDelete;
						});
					next = (list && typeof list.next === 'string') ? list.next : null;
					render();
				}).catch(function () {
					// The list waits for the next answer or reload; the conversation shown is unaffected.
				});
			}

			function more() {
				if (!next) {
					return;
				}
				request('/conversations?cursor=' + encodeURIComponent(next)).then(function (response) {
					if (!response.ok) {
						throw new Error('HTTP ' + response.status);
					}
					return response.json();
				}).then(function (list) {
					var known = {};
					items.forEach(function (summary) {
						known[summary.conversationId] = true;
					});
					(list && Array.isArray(list.conversations) ? list.conversations : []).forEach(function (summary) {
						if (summary && !known[summary.conversationId]) {
							items.push(summary);
						}
					});
					next = (list && typeof list.next === 'string') ? list.next : null;
					render();
				}).catch(function () {
					announce('The older conversations could not be loaded. Try again in a moment.');
				});
			}

			function switchTo(id) {
				close();
				if (id === conversationId) {
					ui.input.focus();
					return;
				}
				newChat();
				setConversation(id);
				render();
				loadHistory().then(function () {
					ui.input.focus();
				});
				announce('Opened “' + titleOf(find(id)) + '”.');
			}

			function find(id) {
				for (var i = 0; i < items.length; i++) {
					if (items[i].conversationId === id) {
						return items[i];
					}
				}
				return null;
			}

			function startRename(item, summary) {
				var form = el('form', 'conversation-rename-form');
				var label = el('label', 'visually-hidden', 'New title of “' + titleOf(summary) + '”');
				var input = el('input', 'conversation-rename-input');
				input.id = 'rename-' + summary.conversationId;
				label.htmlFor = input.id;
				input.type = 'text';
				input.maxLength = 100;
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
					var title = input.value.replace(/^\s+|\s+$/g, '');
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
					request('/conversations/' + encodeURIComponent(summary.conversationId), {
						method: 'PATCH',
						headers: { 'Content-Type': 'application/json' },
						body: JSON.stringify({ title: title })
					}).then(function (response) {
						if (!response.ok) {
							throw new Error('HTTP ' + response.status);
						}
						announce('Renamed to “' + title + '”.');
					}).catch(function () {
						announce('The conversation could not be renamed. Try again in a moment.');
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
				var index = -1;
				for (var i = 0; i < items.length; i++) {
					if (items[i].conversationId === id) {
						index = i;
					}
				}
				if (index < 0) {
					return;
				}
				var summary = items.splice(index, 1)[0];
				var wasCurrent = id === conversationId;
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
				request('/conversations/' + encodeURIComponent(id), { method: 'DELETE', keepalive: true })
					.then(function (response) {
						if (!response.ok) {
							throw new Error('HTTP ' + response.status);
						}
					}).catch(function () {
						// Still at the agent: back in the list, and the reader is told.
						if (!find(id)) {
							items.splice(Math.min(index, items.length), 0, summary);
							render();
						}
						announce('“' + titleOf(summary) + '” could not be deleted. Try again in a moment.');
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
				if (restored.wasCurrent && !conversationId && !current) {
					switchTo(restored.summary.conversationId);
				} else {
					render();
				}
				announce('Restored “' + titleOf(restored.summary) + '”.');
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

			return { refresh: refresh, render: render };
		})();

		// ---- agent status

		var status = (function () {
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

			function jitter(ms) {
				return Math.round(ms * (0.85 + Math.random() * 0.3));
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
				if (state === 'healthy') {
					setText(label, 'Online');
				} else if (state === 'degraded') {
					setText(label, 'Degraded');
				} else {
					setText(label, 'Unavailable');
				}
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
					announce('The assistant is back' + (model ? ', answering with ' + model : '') + '.');
					if (historyPending && !current) {
						// The history first, then the waiting message below it.
						loadHistory().then(maybeFlushPending);
					}
				}
				if (state !== 'unavailable') {
					maybeFlushPending();
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
				fetch(config.api + '/status', {
					headers: { 'Accept': 'application/json' },
					credentials: 'same-origin',
					cache: 'no-store'
				}).then(function (response) {
					if (!response.ok) {
						throw new Error('HTTP ' + response.status);
					}
					return response.json();
				}).then(function (result) {
					if (!result || ['healthy', 'degraded', 'unavailable'].indexOf(result.state) < 0) {
						throw new Error('Unexpected status');
					}
					return result;
				}).catch(function () {
					return {
						state: 'unavailable',
						detail: navigator.onLine === false ? 'You seem to be offline.' : 'This site could not be reached.'
					};
				}).then(function (result) {
					inFlight = false;
					if (seen !== observations) {
						// An answer showed a newer state while this check ran: ask again.
						check();
						return;
					}
					if (result.state === 'unavailable') {
						var wait = jitter(delay);
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
						render({
							state: 'degraded',
							model: done.model,
							detail: 'The preferred model is not answering, so ' + (done.model || 'a fallback model')
									+ ' answers in its place.'
						});
						check();
					} else if (!degraded && state !== 'healthy') {
						check();
					}
				}
			};
		})();

		// ---- go

		if (ui.input.value) {
			// A browser that restored the text of the box; an empty box needs no measuring (and no layout).
			autosize();
		}
		updateCounter();
		restorePending();
		status.start();
		loadHistory();
		conversations.refresh();
	}

	window.Project51 = Object.freeze({ renderMarkdown: renderMarkdown });

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', start);
	} else {
		start();
	}
})();

/*
 * The transcript's messages: the user's (plain text) and the assistant's (Markdown, streamed, with its
 * model, sources, actions, and what happened when it failed, was stopped or was interrupted).
 *
 * Model output is untrusted: it only ever becomes DOM nodes whose text is set with textContent, or the
 * sanitized DocumentFragment of renderMarkdown (markdown.js).
 */
import { el, icon } from './dom.js';
import { installFeedback, isMessageId, ratingOf } from './feedback.js';
import { renderMarkdown, speakable } from './markdown.js';
import { retryWaitSeconds } from './transport.js';

/**
 * @param {object} page the page (config, ui, scroll, announce, conversationId, renderTarget, sender)
 * @returns {{appendUser: function(string, string=): HTMLElement, AssistantMessage: Function,
 *     fromHistory: function(object, ?string): object}} the transcript's messages
 */
export function createMessages(page) {
	var config = page.config;
	var ui = page.ui;
	// Created when the first message needs it: building a formatter costs a few milliseconds at start.
	var timeFormat = null;

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
		(page.renderTarget || ui.messages).appendChild(article);
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
			var follow = page.scroll.nearBottom();
			self.content.replaceChildren(renderMarkdown(self.raw));
			page.scroll.keepInView(follow);
		};
		(page.renderTarget || ui.messages).appendChild(this.article);
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
			page.announce(config.assistantName + ' is answering.');
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
		var follow = page.scroll.nearBottom();
		if (done && typeof done.reply === 'string' && done.reply) {
			this.raw = done.reply;
		}
		this.setModel(done && done.model, done && done.degraded);
		this.identify(done && done.messageId, null);
		this.finish();
		this.citations(done && done.citations);
		this.actions();
		page.scroll.keepInView(follow);
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
		if (isMessageId(messageId) && page.conversationId) {
			this.messageId = messageId;
			this.conversationId = page.conversationId;
			this.feedback = ratingOf(feedback);
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
					page.announce('Answer copied.');
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

	AssistantMessage.prototype.stopped = function () {
		var follow = page.scroll.nearBottom();
		this.finish();
		this.article.classList.add('is-stopped');
		if (!this.raw) {
			this.content.replaceChildren(el('p', 'muted', 'Stopped before the answer began.'));
		}
		var note = el('p', 'stopped-note', 'Stopped. The answer is incomplete.');
		this.extras.replaceChildren(note);
		page.scroll.keepInView(follow);
	};

	AssistantMessage.prototype.fail = function (problem, retry) {
		var self = this;
		var follow = page.scroll.nearBottom();
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
			var wait = retryWaitSeconds(problem);
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
		page.scroll.keepInView(follow);
	};

	/*
	 * An answer that stopped after its first token: the text stays, marked as
	 * incomplete (badge, label and note, not colour alone), with Retry, which sends
	 * the same message again as a new turn, as the agent's history records it. live:
	 * whether to alert screen readers (not for history).
	 */
	AssistantMessage.prototype.interrupted = function (problem, retry, live) {
		var follow = page.scroll.nearBottom();
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
		page.scroll.keepInView(follow);
	};

	AssistantMessage.fromHistory = function (message, question) {
		var answer = new AssistantMessage(message.at);
		answer.raw = typeof message.text === 'string' ? message.text : '';
		answer.setModel(message.model, message.degraded);
		answer.identify(message.id, message.feedback);
		answer.finish();
		if (message.interrupted === true) {
			answer.interrupted(config.interrupted, question ? function () {
				return page.sender.send(question);
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
			page.announce('Code copied.');
			window.setTimeout(function () {
				label.textContent = 'Copy';
			}, 2000);
		}, function () {
			label.textContent = 'Copy failed';
		});
	});

	installFeedback(AssistantMessage, page);

	return {
		appendUser: appendUserMessage,
		AssistantMessage: AssistantMessage,
		fromHistory: AssistantMessage.fromHistory
	};
}

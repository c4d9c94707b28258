/*
 * Sending a message and streaming its answer: the answer's events fill the message as they come; a
 * failure before the first token shows an error with Retry, or leaves the message waiting for the
 * assistant (pending.js); one after it marks the answer as interrupted.
 */
import { messageOf } from './composer.js';
import { readEvents } from './sse.js';
import { isPendingProblem, isRetriable, readProblem } from './transport.js';

/**
 * @param {object} page the page
 * @returns {{send: function(string, object=, object=): boolean, stop: function()}} the sender
 */
export function createSender(page) {
	var config = page.config;
	var ui = page.ui;

	/*
	 * Sends a message and streams its answer. answer: an answer to fill again (Retry
	 * of a failed answer), or none for a new turn. waiting: the pending message being
	 * sent. Returns whether the message went out (false while busy, when empty or too
	 * long, or when another message is waiting for the assistant).
	 */
	function send(text, answer, waiting) {
		if (page.current) {
			return false;
		}
		var message = messageOf(text);
		if (!message) {
			return false;
		}
		if (message.length > config.maxLength) {
			page.announce('The message is too long: at most ' + config.maxLength + ' characters.');
			return false;
		}
		if (page.pending && !waiting) {
			// At most one message waits per conversation; this one stays in the box.
			page.composer.note('Your earlier message is still waiting for the assistant. Send this one after it has'
					+ ' been answered, or discard the waiting one.');
			return false;
		}
		page.composer.note(null);
		page.history.showWelcome(false);
		var follow = true;
		var question;
		if (waiting) {
			question = waiting.article;
			answer = new page.messages.AssistantMessage();
		} else if (!answer) {
			question = page.messages.appendUser(message);
			if (text === ui.input.value) {
				page.composer.clear();
			}
			answer = new page.messages.AssistantMessage();
		} else {
			question = answer.article.previousElementSibling;
		}
		answer.pending();
		page.scroll.keepInView(follow);
		var controller = new AbortController();
		page.current = { controller: controller, answer: answer };
		page.composer.setBusy(true);
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
			page.pendingMessages.make(message, question, waiting ? waiting.attempts + 1 : 1, problem);
		};
		var settled = function () {
			if (waiting) {
				page.pendingMessages.forget(waiting);
			}
		};
		page.transport.chatStream({ conversationId: page.conversationId || null, message: message }, controller.signal)
			.then(function (response) {
				responded = true;
				if (!response.ok) {
					return readProblem(response).then(function (problem) {
						finished = true;
						if (isPendingProblem(problem)) {
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
							page.setConversation(data.conversationId);
						}
						answer.setModel(data.model, data.degraded);
					} else if (name === 'token') {
						answer.append(data.text);
					} else if (name === 'done') {
						finished = true;
						settled();
						answer.done(data);
						page.conversations.refresh();
						page.announce(answer.spoken(config.assistantName + ' answered'
								+ (data.degraded ? ' with a fallback model' : '')));
						page.status.observe(data);
					} else if (name === 'error') {
						finished = true;
						var problem = data.problem || {};
						if (answer.raw) {
							settled();
							answer.interrupted(problem, again, true);
							page.announce(config.assistantName + '\'s answer was interrupted.');
						} else if (isPendingProblem(problem)) {
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
						page.status.checkSoon();
					}
				});
			}).catch(function () {
				if (controller.signal.aborted) {
					if (!finished) {
						finished = true;
						settled();
						answer.stopped();
						page.announce('Answer stopped.');
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
					page.status.checkSoon();
				}
			}).then(function () {
				page.current = null;
				page.composer.setBusy(false);
				page.composer.endBusyHint();
				if (page.pending && page.pending.auto) {
					page.pendingMessages.armTimer();
				}
			});
		return true;
	}

	function afterFailure(problem) {
		var code = problem && problem.status;
		if (code === 503 || code === 502 || code === 504) {
			page.status.checkSoon();
		}
		if (code === 404) {
			// The agent forgot this conversation: the next message starts a new one.
			page.setConversation(null);
		}
	}

	function stop() {
		if (page.current) {
			page.current.controller.abort();
		}
	}

	return { send: send, stop: stop };
}

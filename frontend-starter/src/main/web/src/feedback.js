/*
 * The feedback thumbs under an answer: two toggle buttons (aria-pressed) in a labelled group. Pressing
 * the pressed one takes the rating back. The page shows the new rating at once and puts the old one
 * back when the agent could not store it.
 */
import { el, icon } from './dom.js';
import { requireOk } from './transport.js';

// The id of a message as the agent issues it (a path segment: never '.' or '..'): AgentApi.MESSAGE_ID
// (core-agent-client).
var MESSAGE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * @param {*} id what the agent sent as an answer's id
 * @returns {boolean} whether it is one (and can name the answer in a rating's path)
 */
export function isMessageId(id) {
	return typeof id === 'string' && MESSAGE_ID.test(id);
}

/**
 * @param {*} feedback what the agent sent as an answer's rating
 * @returns {?string} 'up', 'down' or null
 */
export function ratingOf(feedback) {
	return (feedback === 'up' || feedback === 'down') ? feedback : null;
}

/**
 * @param {?string} rating the rating just stored
 * @returns {string} what screen readers are told
 */
export function ratedAnnouncement(rating) {
	return rating === 'up' ? 'Rated as a good answer.' : rating === 'down' ? 'Rated as a bad answer.' : 'Rating removed.';
}

/**
 * Gives answers (messages.js' AssistantMessage) their thumbs: thumbs(), showFeedback() and rate(rating).
 * An answer has messageId, conversationId, feedback and ratingRequest.
 *
 * @param {Function} AssistantMessage the answers' constructor
 * @param {object} page the page (transport, announce)
 */
export function installFeedback(AssistantMessage, page) {
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
		page.transport.rate(this.conversationId, this.messageId, rating).then(function (response) {
			requireOk(response);
			if (request === self.ratingRequest) {
				page.announce(ratedAnnouncement(rating));
			}
		}).catch(function () {
			if (request === self.ratingRequest) {
				self.feedback = before;
				self.showFeedback();
				page.announce('Your rating could not be saved. Try again in a moment.');
			}
		});
	};
}

/*
 * What screen readers hear: the polite live region (#announcer).
 */
import { el } from './dom.js';

/**
 * @param {string|string[]} text one text, or several
 * @returns {string[]} the texts to say, empty ones left out
 */
export function announcementParts(text) {
	return (Array.isArray(text) ? text : [text]).filter(function (part) {
		return !!part;
	});
}

/**
 * Says something through the polite live region. A list of texts becomes one paragraph
 * each, so that screen readers keep the boundaries between an answer's blocks (a single
 * string glues the last word of a paragraph to the first of the next list item).
 *
 * @param {HTMLElement} region the live region
 * @returns {function(string|string[])} announce
 */
export function createAnnouncer(region) {
	var timer = null;
	return function announce(text) {
		var parts = announcementParts(text);
		region.replaceChildren();
		window.clearTimeout(timer);
		timer = window.setTimeout(function () {
			parts.forEach(function (part, index) {
				if (index > 0) {
					region.appendChild(document.createTextNode('\n'));
				}
				region.appendChild(el('p', null, part));
			});
		}, 60);
	};
}

/*
 * DOM helpers of the page: elements whose text is set with textContent (never as HTML), and the
 * page's icons, drawn as SVG paths with DOM calls.
 */
import { withoutBidiControls } from './text.js';

/**
 * A new element.
 * @param {string} tag the element's name
 * @param {string} [className] its classes
 * @param {*} [text] its text (set as text, without bidi controls)
 * @returns {HTMLElement} the element
 */
export function el(tag, className, text) {
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

/**
 * One of the page's icons, hidden from assistive technology (its button carries the name).
 * @param {string} name a key of ICONS
 * @param {number} [size] width and height in CSS pixels (16)
 * @returns {SVGSVGElement} the icon
 */
export function icon(name, size) {
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

/*
 * Text helpers without the DOM (so that Node's test runner can import them, see src/test/web).
 */

/**
 * Text without the Unicode controls that embed, override or isolate a direction (U+202A..U+202E,
 * U+2066..U+2069): with them one string can show its characters in another order than they are stored
 * ("Trojan Source"), so a title or a file name could pass for another. Right-to-left scripts need none
 * of them.
 *
 * @param {*} text the text
 * @returns {string} the text without them
 */
export function withoutBidiControls(text) {
	return String(text).replace(/[\u202A-\u202E\u2066-\u2069]/g, '');
}

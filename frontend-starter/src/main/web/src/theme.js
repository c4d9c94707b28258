/*
 * Sets the page's theme before the first paint: loaded without defer, in <head>. The page is dark or
 * light as the user chose (remembered by the toggle), otherwise as the system prefers, and follows the
 * system's preference while no choice is remembered. The style sheet has one dark palette, for
 * <html data-theme="dark">; the rest of the page's script (chat.js) is deferred.
 */
import { load, THEME_KEY } from './storage.js';

var root = document.documentElement;
var systemDark = window.matchMedia('(prefers-color-scheme: dark)');

function applyTheme() {
	var chosen = load(THEME_KEY);
	if (chosen !== 'dark' && chosen !== 'light') {
		chosen = systemDark.matches ? 'dark' : 'light';
	}
	root.setAttribute('data-theme', chosen);
}

applyTheme();
systemDark.addEventListener('change', applyTheme);

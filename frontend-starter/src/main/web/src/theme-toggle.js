/*
 * Dark mode: the toggle in the header. A choice is remembered in localStorage; theme.js applies it
 * before the first paint, and without one follows the system's preference.
 */
import { store, THEME_KEY } from './storage.js';

/**
 * @param {HTMLElement} toggle the toggle button (aria-pressed: whether the page is dark)
 */
export function setUpThemeToggle(toggle) {
	var root = document.documentElement;

	function isDark() {
		return root.getAttribute('data-theme') === 'dark';
	}

	function syncThemeToggle() {
		toggle.setAttribute('aria-pressed', isDark() ? 'true' : 'false');
	}

	toggle.addEventListener('click', function () {
		var next = isDark() ? 'light' : 'dark';
		root.setAttribute('data-theme', next);
		store(THEME_KEY, next);
	});

	// Every change of the theme, this toggle's and theme.js's (the system's preference changed and
	// nothing was chosen), updates aria-pressed.
	new MutationObserver(syncThemeToggle).observe(root, { attributes: true, attributeFilter: ['data-theme'] });
	syncThemeToggle();
}

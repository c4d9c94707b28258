/*
 * Dark mode: the toggle in the header, remembered in localStorage (theme.js applies it before the first
 * paint); without a choice the system's preference applies.
 */
import { store, THEME_KEY } from './storage.js';

/**
 * @param {?string} theme 'dark', 'light', or anything else for the system's
 */
export function applyTheme(theme) {
	var root = document.documentElement;
	if (theme === 'dark' || theme === 'light') {
		root.setAttribute('data-theme', theme);
	} else {
		root.removeAttribute('data-theme');
	}
}

/**
 * @param {HTMLElement} toggle the toggle button (aria-pressed: whether the page is dark)
 */
export function setUpThemeToggle(toggle) {
	var darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

	function effectiveTheme() {
		var chosen = document.documentElement.getAttribute('data-theme');
		return chosen || (darkQuery.matches ? 'dark' : 'light');
	}

	function syncThemeToggle() {
		toggle.setAttribute('aria-pressed', effectiveTheme() === 'dark' ? 'true' : 'false');
	}

	toggle.addEventListener('click', function () {
		var next = effectiveTheme() === 'dark' ? 'light' : 'dark';
		applyTheme(next);
		store(THEME_KEY, next);
		syncThemeToggle();
	});

	if (darkQuery.addEventListener) {
		darkQuery.addEventListener('change', syncThemeToggle);
	}
	syncThemeToggle();
}

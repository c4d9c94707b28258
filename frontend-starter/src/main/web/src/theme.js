/*
 * Applies the remembered theme before the first paint: loaded without defer, in <head>, so that a
 * page whose user chose dark (or light) against the system's preference never flashes the other.
 * The rest of the page's script (chat.js) is deferred.
 */
try {
	const theme = window.localStorage.getItem('project51.theme');
	if (theme === 'dark' || theme === 'light') {
		document.documentElement.setAttribute('data-theme', theme);
	}
} catch (e) {
	// Storage disabled: the system's preference applies.
}

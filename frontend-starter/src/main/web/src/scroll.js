/*
 * Following the answer as it grows: the page stays at the bottom while the reader is there, and
 * offers the "jump to the latest" button when they scrolled up.
 */

/**
 * @param {object} ui the page's elements (jump, input)
 * @returns {{nearBottom: function(): boolean, scrollToBottom: function(boolean), keepInView: function(boolean)}}
 */
export function createScroller(ui) {
	var reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

	function nearBottom() {
		var doc = document.documentElement;
		return window.innerHeight + window.scrollY >= doc.scrollHeight - 160;
	}

	function scrollToBottom(smooth) {
		window.scrollTo({
			top: document.documentElement.scrollHeight,
			behavior: (smooth && !reducedMotion.matches) ? 'smooth' : 'auto'
		});
		ui.jump.hidden = true;
	}

	function keepInView(wasNearBottom) {
		if (wasNearBottom) {
			scrollToBottom(false);
		} else {
			ui.jump.hidden = false;
		}
	}

	window.addEventListener('scroll', function () {
		if (!ui.jump.hidden && nearBottom()) {
			ui.jump.hidden = true;
		}
	}, { passive: true });

	ui.jump.addEventListener('click', function () {
		scrollToBottom(true);
		ui.input.focus();
	});

	return { nearBottom: nearBottom, scrollToBottom: scrollToBottom, keepInView: keepInView };
}

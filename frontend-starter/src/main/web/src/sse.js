/*
 * Server-sent events over fetch (EventSource can neither POST nor be stopped with an AbortController).
 * The parser is pure: chunks of text in, events out.
 */

/**
 * A parser of a text/event-stream body: push its text as it arrives, in chunks cut anywhere (also
 * between a CR and its LF), then end it. Each event with data is passed on as (name, JSON value): the
 * name is that of its last event field ('message' without one), the data lines are joined with a line
 * feed; comments, other fields, events without data and data that is no JSON are skipped.
 *
 * @param {function(string, *)} onEvent called for each event
 * @returns {{push: function(string), end: function()}} the parser
 */
export function createEventParser(onEvent) {
	var buffer = '';

	function dispatch(block) {
		var name = 'message';
		var data = [];
		block.split('\n').forEach(function (line) {
			if (!line || line.charAt(0) === ':') {
				return;
			}
			var colon = line.indexOf(':');
			var field = colon < 0 ? line : line.slice(0, colon);
			var value = colon < 0 ? '' : line.slice(colon + 1);
			if (value.charAt(0) === ' ') {
				value = value.slice(1);
			}
			if (field === 'event') {
				name = value;
			} else if (field === 'data') {
				data.push(value);
			}
		});
		if (!data.length) {
			return;
		}
		var payload;
		try {
			payload = JSON.parse(data.join('\n'));
		} catch (e) {
			return;
		}
		onEvent(name, payload);
	}

	function drain(final) {
		var keep = '';
		if (!final && buffer.charAt(buffer.length - 1) === '\r') {
			// Perhaps the first half of a CRLF: decided by the next chunk.
			keep = '\r';
			buffer = buffer.slice(0, -1);
		}
		buffer = buffer.replace(/\r\n?/g, '\n');
		var index;
		while ((index = buffer.indexOf('\n\n')) >= 0) {
			dispatch(buffer.slice(0, index));
			buffer = buffer.slice(index + 2);
		}
		buffer += keep;
	}

	return {
		push: function (text) {
			buffer += text;
			drain(false);
		},
		/* The body ended: its last event counts even without the blank line after it. */
		end: function (text) {
			buffer += text || '';
			buffer += '\n\n';
			drain(true);
		}
	};
}

/**
 * Calls onEvent(name, data) for each event of a text/event-stream body.
 * @param {Response} response the response
 * @param {function(string, *)} onEvent called for each event
 * @returns {Promise<void>} settled when the body ended (rejected when reading it failed)
 */
export function readEvents(response, onEvent) {
	var reader = response.body.getReader();
	var decoder = new TextDecoder();
	var parser = createEventParser(onEvent);

	function pump() {
		return reader.read().then(function (chunk) {
			if (chunk.done) {
				parser.end(decoder.decode());
				return;
			}
			parser.push(decoder.decode(chunk.value, { stream: true }));
			return pump();
		});
	}

	return pump();
}

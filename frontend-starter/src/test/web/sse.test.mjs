// The event-stream parser (sse.js): events as the agent streams them, cut anywhere.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEventParser, readEvents } from '../../main/web/src/sse.js';

function parse(chunks, end = true) {
	const events = [];
	const parser = createEventParser((name, data) => events.push([name, data]));
	chunks.forEach((chunk) => parser.push(chunk));
	if (end) {
		parser.end();
	}
	return events;
}

describe('createEventParser', () => {
	it('passes on each event with its name and JSON data', () => {
		assert.deepEqual(parse(['event: meta\ndata: {"model":"local"}\n\nevent: token\ndata: {"text":"Hi"}\n\n']),
			[['meta', { model: 'local' }], ['token', { text: 'Hi' }]]);
	});

	it('names an event without an event field "message"', () => {
		assert.deepEqual(parse(['data: 1\n\n']), [['message', 1]]);
	});

	it('joins the data lines of one event with a line feed', () => {
		assert.deepEqual(parse(['event: done\ndata: {"reply":\ndata: "two lines"}\n\n']),
			[['done', { reply: 'two lines' }]]);
		assert.deepEqual(parse(['data: "a\ndata: b"\n\n']), []); // a line feed inside a JSON string is no JSON
	});

	it('gives an event that ends in the middle of a chunk at once, and keeps the rest for the next', () => {
		const events = [];
		const parser = createEventParser((name, data) => events.push([name, data]));
		parser.push('event: token\ndata: {"text":"a"}\n\nevent: tok');
		assert.deepEqual(events, [['token', { text: 'a' }]]);
		parser.push('en\ndata: {"text":"b"}\n');
		assert.equal(events.length, 1);
		parser.push('\n');
		assert.deepEqual(events, [['token', { text: 'a' }], ['token', { text: 'b' }]]);
	});

	it('reads the same events whatever the chunks are cut', () => {
		const body = 'event: meta\r\ndata: {"conversationId":"c-1"}\r\n\r\n: keep-alive\r\n\r\n'
			+ 'event: token\r\ndata: {"text":"é ✓"}\r\n\r\nevent: done\r\ndata: {"reply":"é ✓"}\r\n\r\n';
		const expected = [['meta', { conversationId: 'c-1' }], ['token', { text: 'é ✓' }], ['done', { reply: 'é ✓' }]];
		for (let size = 1; size <= body.length; size++) {
			const chunks = [];
			for (let i = 0; i < body.length; i += size) {
				chunks.push(body.slice(i, i + size));
			}
			assert.deepEqual(parse(chunks), expected, 'chunks of ' + size);
		}
	});

	it('takes CRLF, CR and LF as line ends, also a CRLF cut between two chunks', () => {
		assert.deepEqual(parse(['data: 1\r\n\r\ndata: 2\r\rdata: 3\n\n']), [['message', 1], ['message', 2], ['message', 3]]);
		assert.deepEqual(parse(['data: 1\r', '\n\r', '\ndata: 2\r', '\r'], false), [['message', 1]]);
		assert.deepEqual(parse(['data: 1\r', '\n\r', '\ndata: 2\r', '\r']), [['message', 1], ['message', 2]]);
		// A CR at a chunk's end is a line end only once the next chunk does not start with LF.
		assert.deepEqual(parse(['data: 1\r'], false), []);
		assert.deepEqual(parse(['data: 1\r', '\r'], false), []);
		assert.deepEqual(parse(['data: 1\r', '\r', 'data: 2'], false), [['message', 1]]);
	});

	it('skips comments, unknown fields, events without data and data that is no JSON', () => {
		assert.deepEqual(parse([': comment\n\nid: 7\nretry: 10\n\nevent: token\n\ndata: not json\n\n'
			+ 'event: token\n: a comment inside\nid: 8\ndata: {"text":"x"}\n\n']), [['token', { text: 'x' }]]);
	});

	it('takes the value after the colon without one leading space, and a field without a colon as empty', () => {
		assert.deepEqual(parse(['data:"tight"\n\n', 'data:  " two"\n\n']), [['message', 'tight'], ['message', ' two']]);
		assert.deepEqual(parse(['event\ndata: 1\n\n']), [['', 1]]);
	});

	it('uses the last event field of an event, and forgets it after the event', () => {
		assert.deepEqual(parse(['event: a\nevent: b\ndata: 1\n\ndata: 2\n\n']), [['b', 1], ['message', 2]]);
	});

	it('gives the last event at the end of the body even without the blank line after it', () => {
		assert.deepEqual(parse(['event: done\ndata: {"reply":"ok"}'], false), []);
		assert.deepEqual(parse(['event: done\ndata: {"reply":"ok"}']), [['done', { reply: 'ok' }]]);
		assert.deepEqual(parse(['event: done\ndata: {"reply":"ok"}\r']), [['done', { reply: 'ok' }]]);
	});
});

describe('readEvents', () => {
	function response(chunks) {
		const stream = new ReadableStream({
			start(controller) {
				chunks.forEach((chunk) => controller.enqueue(chunk));
				controller.close();
			}
		});
		return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
	}

	it('decodes UTF-8 cut between chunks', async () => {
		const bytes = new TextEncoder().encode('event: token\ndata: {"text":"😀 é"}\n\n');
		const cut = bytes.indexOf(0xf0) + 2;
		const events = [];
		await readEvents(response([bytes.slice(0, cut), bytes.slice(cut)]), (name, data) => events.push([name, data]));
		assert.deepEqual(events, [['token', { text: '😀 é' }]]);
	});

	it('settles when the body ends, with its last event', async () => {
		const events = [];
		await readEvents(response([new TextEncoder().encode('data: 1\n\ndata: 2')]), (name, data) => events.push(data));
		assert.deepEqual(events, [1, 2]);
	});

	it('rejects when the body fails', async () => {
		let pulls = 0;
		const stream = new ReadableStream({
			pull(controller) {
				if (pulls++ === 0) {
					controller.enqueue(new TextEncoder().encode('data: 1\n\n'));
				} else {
					controller.error(new Error('connection reset'));
				}
			}
		});
		const events = [];
		await assert.rejects(readEvents(new Response(stream), (name, data) => events.push(data)), /connection reset/);
		assert.deepEqual(events, [1]);
	});
});

// The page's requests, problem details and Retry-After (transport.js).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	conversationPath, createTransport, feedbackPath, isPendingProblem, isRetriable, readProblem, retryAfterSeconds,
	retryWaitSeconds
} from '../../main/web/src/transport.js';

describe('readProblem', () => {
	it('reads a problem+json body', async () => {
		const problem = { type: 'https://project51.dev/problems/rate-limited', title: 'Slow down', status: 429,
			retryAfterSeconds: 3 };
		const response = new Response(JSON.stringify(problem),
			{ status: 429, headers: { 'Content-Type': 'application/problem+json' } });
		assert.deepEqual(await readProblem(response), problem);
	});

	it('says what the status was when the body is no JSON, broken JSON or no object', async () => {
		const fallback = { status: 502, title: 'Request failed', detail: 'The server answered 502. Try again.' };
		assert.deepEqual(await readProblem(new Response('<html>Bad gateway</html>',
			{ status: 502, headers: { 'Content-Type': 'text/html' } })), fallback);
		assert.deepEqual(await readProblem(new Response('{"title": ',
			{ status: 502, headers: { 'Content-Type': 'application/problem+json' } })), fallback);
		assert.deepEqual(await readProblem(new Response('"text"',
			{ status: 502, headers: { 'Content-Type': 'application/json' } })), fallback);
		assert.deepEqual(await readProblem(new Response(null, { status: 502 })), fallback);
	});
});

describe('retries', () => {
	it('retries no response, timeouts, conflicts, too early, too many requests and server errors', () => {
		for (const status of [undefined, 0, 408, 409, 425, 429, 500, 502, 503, 504]) {
			assert.equal(isRetriable(status), true, String(status));
		}
		for (const status of [400, 401, 403, 404, 413, 422]) {
			assert.equal(isRetriable(status), false, String(status));
		}
	});

	it('lets a message wait for the assistant only when it could not be reached', () => {
		assert.equal(isPendingProblem({ type: 'https://project51.dev/problems/agent-unreachable' }), true);
		assert.equal(isPendingProblem({ type: 'https://project51.dev/problems/models-unavailable' }), true);
		assert.equal(isPendingProblem({ type: 'https://project51.dev/problems/agent-unreachable-not' }), false);
		assert.equal(isPendingProblem({ type: 'https://project51.dev/problems/rate-limited' }), false);
		assert.equal(isPendingProblem({}), false);
		assert.equal(isPendingProblem(null), false);
	});

	it('reads Retry-After in seconds, and nothing from a date or no header', () => {
		assert.equal(retryAfterSeconds('7'), 7);
		assert.equal(retryAfterSeconds('0'), 0);
		assert.equal(retryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT'), null);
		assert.equal(retryAfterSeconds(null), null);
		assert.equal(retryAfterSeconds(''), null);
	});

	it('waits what a problem asks before Retry, at most ten minutes', () => {
		assert.equal(retryWaitSeconds({ retryAfterSeconds: 5 }), 5);
		assert.equal(retryWaitSeconds({ retryAfterSeconds: '2.5' }), 2.5);
		assert.equal(retryWaitSeconds({ retryAfterSeconds: 3600 }), 600);
		assert.equal(retryWaitSeconds({ retryAfterSeconds: 0 }), 0);
		assert.equal(retryWaitSeconds({}), 0);
		assert.equal(retryWaitSeconds(null), 0);
	});
});

describe('paths', () => {
	it('names a conversation and its earlier pages with encoded ids and cursors', () => {
		assert.equal(conversationPath('c-1'), '/conversations/c-1');
		assert.equal(conversationPath('c 1/..', null), '/conversations/c%201%2F..');
		assert.equal(conversationPath('c-1', 'a+b=='), '/conversations/c-1?before=a%2Bb%3D%3D');
	});

	it('names an answer\'s rating', () => {
		assert.equal(feedbackPath('c-1', 'm/2'), '/conversations/c-1/messages/m%2F2/feedback');
	});
});

describe('createTransport', () => {
	function recording() {
		const calls = [];
		const transport = createTransport('/base', (url, options) => {
			calls.push([url, options]);
			return Promise.resolve(new Response('{}'));
		});
		return { calls, transport };
	}

	it('sends a message for a stream of events, with the session cookie and no cache', async () => {
		const { calls, transport } = recording();
		const signal = new AbortController().signal;
		await transport.chatStream({ conversationId: null, message: 'Hi' }, signal);
		assert.deepEqual(calls, [['/base/chat/stream', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream, application/problem+json' },
			body: '{"conversationId":null,"message":"Hi"}',
			credentials: 'same-origin',
			cache: 'no-store',
			signal
		}]]);
	});

	it('asks for JSON or a problem, keeping the caller\'s headers', async () => {
		const { calls, transport } = recording();
		await transport.conversation('c-1', 'cursor');
		await transport.request('/conversations/c-1', { method: 'PATCH', headers: { 'Content-Type': 'application/json' },
			body: '{}' });
		await transport.rate('c-1', 'm-2', null);
		await transport.status();
		const json = 'application/json, application/problem+json';
		assert.deepEqual(calls, [
			['/base/conversations/c-1?before=cursor', { credentials: 'same-origin', cache: 'no-store',
				headers: { 'Accept': json } }],
			['/base/conversations/c-1', { method: 'PATCH', body: '{}', credentials: 'same-origin', cache: 'no-store',
				headers: { 'Accept': json, 'Content-Type': 'application/json' } }],
			['/base/conversations/c-1/messages/m-2/feedback', { method: 'PUT', body: '{"rating":"none"}',
				credentials: 'same-origin', cache: 'no-store',
				headers: { 'Accept': json, 'Content-Type': 'application/json' } }],
			['/base/status', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin', cache: 'no-store' }]
		]);
	});
});

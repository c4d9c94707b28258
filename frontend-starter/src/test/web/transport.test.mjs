// The page's requests, problem details and Retry-After (transport.js).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	conversationPath, createTransport, feedbackPath, HttpError, isPendingProblem, isRetriable, readProblem, requireOk,
	retryAfterSeconds, retryWaitSeconds
} from '../../main/web/src/transport.js';

describe('requireOk', () => {
	it('passes an ok response on', () => {
		const response = new Response('{}', { status: 200 });
		assert.equal(requireOk(response), response);
		const empty = new Response(null, { status: 204 });
		assert.equal(requireOk(empty), empty);
	});

	it('throws an HttpError with the status of a response that is not ok', () => {
		for (const status of [400, 404, 409, 500, 503]) {
			assert.throws(() => requireOk(new Response(null, { status })), (error) => {
				assert.ok(error instanceof HttpError);
				assert.ok(error instanceof Error);
				assert.equal(error.name, 'HttpError');
				assert.equal(error.status, status);
				assert.equal(error.message, 'HTTP ' + status);
				assert.equal(error.retryAfterSeconds, null);
				return true;
			}, String(status));
		}
	});

	it('carries the Retry-After header\'s seconds, none for a date', () => {
		assert.throws(() => requireOk(new Response(null, { status: 429, headers: { 'Retry-After': '7' } })),
			(error) => error.status === 429 && error.retryAfterSeconds === 7);
		assert.throws(() => requireOk(new Response(null,
			{ status: 503, headers: { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' } })),
			(error) => error.status === 503 && error.retryAfterSeconds === null);
	});

	it('rejects a promise chain, so that callers catch it', async () => {
		await assert.rejects(Promise.resolve(new Response(null, { status: 502 })).then(requireOk),
			{ name: 'HttpError', status: 502 });
	});
});

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
		assert.equal(retryWaitSeconds({ retryAfterSeconds: 0.4 }), 0.4);
		assert.equal(retryWaitSeconds({ retryAfterSeconds: 3600 }), 600);
		assert.equal(retryWaitSeconds({ retryAfterSeconds: 600 }), 600);
		assert.equal(retryWaitSeconds({ retryAfterSeconds: 1e12 }), 600);
		assert.equal(retryWaitSeconds({ retryAfterSeconds: Infinity }), 600);
		assert.equal(retryWaitSeconds({ retryAfterSeconds: 0 }), 0);
	});

	it('waits not at all when nothing, no number or no positive number was asked', () => {
		for (const hint of [null, undefined, {}, { retryAfterSeconds: null }, { retryAfterSeconds: '' },
			{ retryAfterSeconds: 'soon' }, { retryAfterSeconds: NaN }, { retryAfterSeconds: -5 },
			{ retryAfterSeconds: '-1' }, { retryAfterSeconds: -Infinity }]) {
			assert.equal(retryWaitSeconds(hint), 0, JSON.stringify(hint));
		}
	});

	it('waits at most what the caller allows', () => {
		assert.equal(retryWaitSeconds({ retryAfterSeconds: 3600 }, 60), 60);
		assert.equal(retryWaitSeconds({ retryAfterSeconds: 30 }, 60), 30);
		assert.equal(retryWaitSeconds({ retryAfterSeconds: -3 }, 60), 0);
		assert.equal(retryWaitSeconds({ retryAfterSeconds: 5 }, 0), 0);
	});

	it('waits what a failed response\'s Retry-After header asks', () => {
		const error = (headers) => new HttpError(new Response(null, { status: 429, headers }));
		assert.equal(retryWaitSeconds(error({ 'Retry-After': '3' })), 3);
		assert.equal(retryWaitSeconds(error({ 'Retry-After': '3600' }), 60), 60);
		assert.equal(retryWaitSeconds(error({ 'Retry-After': '-1' })), 0);
		assert.equal(retryWaitSeconds(error({ 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' })), 0);
		assert.equal(retryWaitSeconds(error({})), 0);
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

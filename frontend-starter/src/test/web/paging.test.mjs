// Paging: the transcript's earlier pages (history.js) and the list of conversations (conversations.js).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexOf, nextCursorOf, summariesOf, titleOf, withMore } from '../../main/web/src/conversations.js';
import { earlierBackoffMs, earlierCursorOf, earlierRetryMs } from '../../main/web/src/history.js';
import { HttpError } from '../../main/web/src/transport.js';

function failed(status, retryAfter) {
	const headers = retryAfter === undefined ? {} : { 'Retry-After': retryAfter };
	return new HttpError(new Response(null, { status, headers }));
}

describe('the transcript\'s pages', () => {
	it('has an earlier page while the page names its cursor', () => {
		assert.equal(earlierCursorOf({ messages: [], earlier: 'b-20' }), 'b-20');
		assert.equal(earlierCursorOf({ messages: [] }), null);
		assert.equal(earlierCursorOf({ earlier: null }), null);
		assert.equal(earlierCursorOf({ earlier: 20 }), null);
		assert.equal(earlierCursorOf(null), null);
	});

	it('tries an earlier page again after the Retry-After the server sent, at most a minute', () => {
		assert.equal(earlierRetryMs(failed(429, '3')), 3000);
		assert.equal(earlierRetryMs(failed(503, '60')), 60000);
		assert.equal(earlierRetryMs(failed(429, '3600')), 60000);
	});

	it('waits for nothing without a Retry-After in seconds, or when the request failed otherwise', () => {
		assert.equal(earlierRetryMs(failed(429, '0')), 0);
		assert.equal(earlierRetryMs(failed(429, '-1')), 0);
		assert.equal(earlierRetryMs(failed(503, 'Wed, 21 Oct 2015 07:28:00 GMT')), 0);
		assert.equal(earlierRetryMs(failed(503)), 0);
		assert.equal(earlierRetryMs(new TypeError('Failed to fetch')), 0);
		assert.equal(earlierRetryMs(new Error('retry:3')), 0);
		assert.equal(earlierRetryMs(null), 0);
	});

	it('asks for an earlier page again by itself after 1 s, then twice as long after each failure, at most a minute', () => {
		assert.deepEqual([1, 2, 3, 4, 6, 7, 100].map(earlierBackoffMs), [1000, 2000, 4000, 8000, 32000, 60000, 60000]);
		assert.equal(earlierBackoffMs(0), 1000);
	});
});

describe('the list of conversations', () => {
	it('reads the summaries and the next cursor of a page, none when missing', () => {
		const list = { conversations: [{ conversationId: 'c-1' }], next: 'n-1' };
		assert.deepEqual(summariesOf(list), [{ conversationId: 'c-1' }]);
		assert.equal(nextCursorOf(list), 'n-1');
		assert.deepEqual(summariesOf({ conversations: 'no' }), []);
		assert.deepEqual(summariesOf(null), []);
		assert.equal(nextCursorOf({ next: null }), null);
		assert.equal(nextCursorOf({}), null);
		assert.equal(nextCursorOf(undefined), null);
	});

	it('adds an older page\'s conversations that are not shown yet, in order', () => {
		const items = [{ conversationId: 'c-3' }, { conversationId: 'c-2' }];
		const more = { conversations: [{ conversationId: 'c-2' }, null, { conversationId: 'c-1' }], next: null };
		assert.deepEqual(withMore(items, more).map((summary) => summary.conversationId), ['c-3', 'c-2', 'c-1']);
		assert.deepEqual(withMore([], null), []);
	});

	it('finds a conversation by its id', () => {
		const items = [{ conversationId: 'c-3' }, { conversationId: 'c-2' }];
		assert.equal(indexOf(items, 'c-2'), 1);
		assert.equal(indexOf(items, 'c-9'), -1);
	});

	it('titles a conversation without a title "Conversation"', () => {
		assert.equal(titleOf({ title: 'Deploying to kind' }), 'Deploying to kind');
		assert.equal(titleOf({ title: '' }), 'Conversation');
		assert.equal(titleOf({ title: 42 }), 'Conversation');
		assert.equal(titleOf({}), 'Conversation');
		assert.equal(titleOf(null), 'Conversation');
	});
});

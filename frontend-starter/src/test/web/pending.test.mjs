// Messages waiting for the assistant (pending.js): what is stored, and when they go out again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePending, pendingDelay, pendingKey } from '../../main/web/src/pending.js';

describe('stored waiting messages', () => {
	it('keys a new conversation\'s waiting message with the empty string', () => {
		assert.equal(pendingKey('c-1'), 'c-1');
		assert.equal(pendingKey(null), '');
		assert.equal(pendingKey(undefined), '');
	});

	it('reads what localStorage holds, and nothing from what is no JSON object', () => {
		const entry = { message: 'Hi', at: '2025-01-01T00:00:00Z' };
		assert.deepEqual(parsePending(JSON.stringify({ '': entry, 'c-1': entry })), { '': entry, 'c-1': entry });
		for (const text of [null, '', 'null', '[1]', '"text"', '7', '{broken']) {
			assert.deepEqual(parsePending(text), {}, String(text));
		}
	});
});

describe('pendingDelay', () => {
	it('doubles from the first delay with each failed attempt, up to the longest', () => {
		assert.deepEqual([1, 2, 3, 4, 5, 6].map((attempts) => pendingDelay(attempts, null, 1000, 15000)),
			[1000, 2000, 4000, 8000, 15000, 15000]);
		assert.equal(pendingDelay(0, null, 1000, 15000), 1000);
	});

	it('waits at least what the problem\'s Retry-After asked, at most ten minutes', () => {
		assert.equal(pendingDelay(1, { retryAfterSeconds: 30 }, 1000, 15000), 30000);
		assert.equal(pendingDelay(5, { retryAfterSeconds: 2 }, 1000, 15000), 15000);
		assert.equal(pendingDelay(1, { retryAfterSeconds: 3600 }, 1000, 15000), 600000);
		assert.equal(pendingDelay(1, { retryAfterSeconds: 'soon' }, 1000, 15000), 1000);
		assert.equal(pendingDelay(1, { retryAfterSeconds: -5 }, 1000, 15000), 1000);
		assert.equal(pendingDelay(1, { retryAfterSeconds: '2.5' }, 1000, 15000), 2500);
		assert.equal(pendingDelay(1, {}, 1000, 15000), 1000);
	});
});

// The composer (composer.js) and the page's settings (config.js).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { counterOf, isSendKey, messageOf } from '../../main/web/src/composer.js';
import { readConfig } from '../../main/web/src/config.js';

describe('composer', () => {
	it('sends the text without surrounding white space', () => {
		assert.equal(messageOf('  Hello\n  world \n\t'), 'Hello\n  world');
		assert.equal(messageOf(' \n '), '');
		assert.equal(messageOf(null), '');
		assert.equal(messageOf(undefined), '');
	});

	it('counts characters from 80 % of the limit on, and marks the limit', () => {
		assert.equal(counterOf(79, 100), null);
		assert.deepEqual(counterOf(80, 100), { text: '80 / 100', full: false });
		assert.deepEqual(counterOf(100, 100), { text: '100 / 100', full: true });
		assert.deepEqual(counterOf(120, 100), { text: '120 / 100', full: true });
	});

	it('sends on Enter alone, not with a modifier or while an input method composes', () => {
		const enter = { key: 'Enter', keyCode: 13 };
		assert.equal(isSendKey(enter), true);
		for (const modifier of ['shiftKey', 'altKey', 'ctrlKey', 'metaKey', 'isComposing']) {
			assert.equal(isSendKey({ ...enter, [modifier]: true }), false, modifier);
		}
		assert.equal(isSendKey({ key: 'Enter', keyCode: 229 }), false);
		assert.equal(isSendKey({ key: 'a', keyCode: 65 }), false);
	});
});

describe('readConfig', () => {
	it('reads the body\'s data attributes', () => {
		const attributes = { 'data-api': '/chat/api', 'data-max-length': '50', 'data-poll-ms': '2000',
			'data-retry-initial-ms': '10', 'data-retry-max-ms': '20', 'data-assistant-name': 'Ada',
			'data-avatar': '/ada.png', 'data-interrupted-title': 'Cut', 'data-interrupted-detail': 'Again.' };
		assert.deepEqual(readConfig((name) => attributes[name] ?? null), { api: '/chat/api', maxLength: 50,
			pollMs: 2000, retryInitialMs: 10, retryMaxMs: 20, assistantName: 'Ada', avatar: '/ada.png',
			interrupted: { title: 'Cut', detail: 'Again.' } });
	});

	it('falls back to the defaults for missing attributes and numbers that are none (or zero)', () => {
		const config = readConfig((name) => (name === 'data-max-length' ? 'many' : name === 'data-poll-ms' ? '0' : null));
		assert.equal(config.api, '/api');
		assert.equal(config.maxLength, 4000);
		assert.equal(config.pollMs, 15000);
		assert.equal(config.retryInitialMs, 1000);
		assert.equal(config.retryMaxMs, 15000);
		assert.equal(config.assistantName, 'Assistant');
		assert.equal(config.avatar, '');
		assert.equal(config.interrupted.title, 'Answer interrupted');
	});

	it('falls back to the server\'s own words for an interrupted answer', () => {
		// ProblemType.ANSWER_INTERRUPTED and ProblemDetail.answerInterrupted (core-agent-client), word for word.
		assert.deepEqual(readConfig(() => null).interrupted, {
			title: 'Answer interrupted',
			detail: 'The answer stopped before it was complete. The text so far is kept; send the message again for a'
				+ ' complete answer.'
		});
	});
});

// The assistant's status (status.js).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { degradedBy, isStatus, jitter, labelOf, unreachable } from '../../main/web/src/status.js';

describe('status', () => {
	it('knows the three states and nothing else', () => {
		for (const state of ['healthy', 'degraded', 'unavailable']) {
			assert.equal(isStatus({ state }), true, state);
		}
		for (const result of [{ state: 'checking' }, {}, null, undefined, 'healthy']) {
			assert.equal(isStatus(result), false, JSON.stringify(result));
		}
	});

	it('labels the pill', () => {
		assert.deepEqual(['healthy', 'degraded', 'unavailable', 'checking'].map(labelOf),
			['Online', 'Degraded', 'Unavailable', 'Unavailable']);
	});

	it('says whether the browser is offline when the site could not be reached', () => {
		assert.deepEqual(unreachable(false), { state: 'unavailable', detail: 'You seem to be offline.' });
		assert.deepEqual(unreachable(true), { state: 'unavailable', detail: 'This site could not be reached.' });
		assert.deepEqual(unreachable(undefined), { state: 'unavailable', detail: 'This site could not be reached.' });
	});

	it('shows a fallback model\'s answer as degraded at once', () => {
		assert.deepEqual(degradedBy('local'), { state: 'degraded', model: 'local',
			detail: 'The preferred model is not answering, so local answers in its place.' });
		assert.equal(degradedBy(null).detail,
			'The preferred model is not answering, so a fallback model answers in its place.');
	});

	it('spreads retries 15 % either way', () => {
		assert.equal(jitter(1000, 0), 850);
		assert.equal(jitter(1000, 0.5), 1000);
		assert.equal(jitter(1000, 0.999999), 1150);
	});
});

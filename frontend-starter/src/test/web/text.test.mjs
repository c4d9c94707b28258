// Text that reaches the page: bidi controls (text.js), announcements (announce.js) and ratings (feedback.js).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { announcementParts } from '../../main/web/src/announce.js';
import { isMessageId, ratedAnnouncement, ratingOf } from '../../main/web/src/feedback.js';
import { withoutBidiControls } from '../../main/web/src/text.js';

describe('withoutBidiControls', () => {
	it('drops the controls that embed, override or isolate a direction', () => {
		const controls = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
		assert.equal(withoutBidiControls('deploy' + controls + '.sh'), 'deploy.sh');
		assert.equal(withoutBidiControls('access\u202E\u2066 level'), 'access level');
	});

	it('keeps right-to-left text, the marks and everything else', () => {
		const text = 'שלום مرحبا \u200E\u200F\u061C 😀 <b>';
		assert.equal(withoutBidiControls(text), text);
	});

	it('makes text of anything', () => {
		assert.equal(withoutBidiControls(42), '42');
		assert.equal(withoutBidiControls(null), 'null');
	});
});

describe('announcementParts', () => {
	it('says one text, or several as separate parts, leaving out empty ones', () => {
		assert.deepEqual(announcementParts('Answer stopped.'), ['Answer stopped.']);
		assert.deepEqual(announcementParts(['Ada answered: one', '', null, 'two']), ['Ada answered: one', 'two']);
		assert.deepEqual(announcementParts(''), []);
	});
});

describe('feedback', () => {
	it('rates only answers whose id can be a path segment', () => {
		assert.equal(isMessageId('m-1.a_b'), true);
		assert.equal(isMessageId('a'.repeat(100)), true);
		for (const id of ['', '.', '..', '.hidden', 'a/b', 'a b', 'a'.repeat(101), 7, null, undefined]) {
			assert.equal(isMessageId(id), false, String(id));
		}
	});

	it('knows the ratings up and down', () => {
		assert.deepEqual(['up', 'down', 'none', '', null, 'UP'].map(ratingOf), ['up', 'down', null, null, null, null]);
		assert.deepEqual(['up', 'down', null].map(ratedAnnouncement),
			['Rated as a good answer.', 'Rated as a bad answer.', 'Rating removed.']);
	});
});

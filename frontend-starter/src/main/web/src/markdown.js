/*
 * Markdown for untrusted text (model output, knowledge excerpts), rendered by maintained libraries:
 *
 *   markdown-it   CommonMark + GFM tables and strike-through; raw HTML off (shown as text), soft line
 *                 breaks stay soft, links only to absolute http(s) URLs, images shown as links;
 *   highlight.js  syntax colours for fenced code with a known language (no guessing);
 *   DOMPurify     sanitizes markdown-it's HTML against a short allow-list and returns DOM nodes.
 *
 * The page's Content-Security-Policy requires Trusted Types and allows one policy, DOMPurify's own
 * ("dompurify"), which it uses only to parse the string it sanitizes into an inert document. This
 * module never hands HTML to the page: it returns a DocumentFragment, which it then decorates with
 * DOM calls (code block toolbars, link targets, scrollable tables).
 */
import MarkdownIt from 'markdown-it';
import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import plaintext from 'highlight.js/lib/languages/plaintext';
import properties from 'highlight.js/lib/languages/properties';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { el } from './dom.js';
import { withoutBidiControls } from './text.js';

export { withoutBidiControls };

const LANGUAGES = { bash, c, cpp, csharp, css, diff, dockerfile, go, ini, java, javascript, json, kotlin, markdown,
	php, plaintext, properties, python, ruby, rust, shell, sql, typescript, xml, yaml };

/* The languages' usual other names (highlight.js learns them only when a language is registered). */
const ALIASES = { sh: 'bash', zsh: 'bash', console: 'shell', shellsession: 'shell', h: 'c', cc: 'cpp', 'c++': 'cpp',
	hpp: 'cpp', cxx: 'cpp', cs: 'csharp', 'c#': 'csharp', patch: 'diff', docker: 'dockerfile', golang: 'go', toml: 'ini',
	js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', jsonc: 'json', kt: 'kotlin', kts: 'kotlin',
	md: 'markdown', mkdown: 'markdown', text: 'plaintext', txt: 'plaintext', py: 'python', gyp: 'python', rb: 'ruby',
	rs: 'rust', ts: 'typescript', tsx: 'typescript', mts: 'typescript', html: 'xml', xhtml: 'xml', svg: 'xml',
	yml: 'yaml', postgres: 'sql', postgresql: 'sql', mysql: 'sql' };

/*
 * Registers a language the first time a code block needs it: registering runs the language's
 * definition, and doing that for all of them would cost the page's start tens of milliseconds on a phone.
 */
function knownLanguage(language) {
	const name = LANGUAGES[language] ? language : ALIASES[language];
	if (!name) {
		return hljs.getLanguage(language) ? language : null;
	}
	if (!hljs.getLanguage(name)) {
		hljs.registerLanguage(name, LANGUAGES[name]);
		// Languages that embed others (HTML its <style> and <script>, PHP its HTML).
		(EMBEDDED[name] || []).forEach(knownLanguage);
	}
	return name;
}

const EMBEDDED = { xml: ['css', 'javascript'], php: ['xml'], markdown: ['xml'] };

/* What a code block may be labelled with: the first word of its info string, cleaned. */
const LANGUAGE_NAME = /^[a-z0-9][a-z0-9+#._-]{0,19}$/i;

/* Classes markdown-it, highlight.js and the rule below put on elements; any other class is dropped. */
const CLASS_TOKEN = /^(?:hljs-[a-z0-9_-]+|language-[a-z0-9+#._-]+|[a-z]+_|md-pseudo-heading)$/i;

const PURIFY = {
	ALLOWED_TAGS: ['a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol',
		'p', 'pre', 's', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul'],
	ALLOWED_ATTR: ['href', 'title', 'start', 'class', 'data-align'],
	// Attributes whose values are no URLs (checked by the hook below); every other value must be an http(s) URL.
	ADD_URI_SAFE_ATTR: ['data-align', 'start'],
	ALLOWED_URI_REGEXP: /^https?:\/\//i,
	ALLOW_ARIA_ATTR: false,
	ALLOW_DATA_ATTR: false,
	ALLOW_UNKNOWN_PROTOCOLS: false,
	RETURN_DOM_FRAGMENT: true
};

DOMPurify.addHook('uponSanitizeAttribute', (node, data) => {
	if (data.attrName === 'class') {
		const tokens = String(data.attrValue).trim().split(/\s+/);
		if (!tokens.every((token) => CLASS_TOKEN.test(token))) {
			data.keepAttr = false;
		}
	} else if (data.attrName === 'data-align' && !/^(left|center|right)$/.test(data.attrValue)) {
		data.keepAttr = false;
	} else if (data.attrName === 'start' && !/^\d{1,9}$/.test(data.attrValue)) {
		data.keepAttr = false;
	}
});

// Create DOMPurify's Trusted Types policy now (setConfig does, without sanitizing anything), while
// only this page's own script has run: the policy's name is the one the Content-Security-Policy
// allows, and it cannot be created twice.
DOMPurify.setConfig(PURIFY);

function safeUrl(raw) {
	const candidate = String(raw || '').trim();
	if (!/^https?:\/\//i.test(candidate)) {
		return null;
	}
	try {
		const url = new URL(candidate);
		return (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null;
	} catch (e) {
		return null;
	}
}

function languageOf(name) {
	const language = String(name || '').toLowerCase();
	return LANGUAGE_NAME.test(language) ? language : '';
}

function highlight(code, name) {
	const language = knownLanguage(languageOf(name));
	if (language) {
		try {
			return hljs.highlight(code, { language, ignoreIllegals: true }).value;
		} catch (e) {
			// Fall back to plain, escaped text.
		}
	}
	return '';
}

const md = new MarkdownIt('default', {
	html: false,
	xhtmlOut: false,
	breaks: false,
	linkify: true,
	typographer: false,
	langPrefix: 'language-',
	highlight
});
// Bare URLs with a scheme only: "deploy.sh" or "config.md" are file names, not links.
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
md.validateLink = (url) => safeUrl(url) !== null;

// An image is never loaded (privacy, and the policy forbids remote images): it becomes a link to it.
md.renderer.rules.image = (tokens, index, options, env, self) => {
	const token = tokens[index];
	const href = safeUrl(token.attrGet('src'));
	const alt = self.renderInlineAsText(token.children || [], options, env) || 'image';
	if (!href) {
		return md.utils.escapeHtml(alt);
	}
	return '<a href="' + md.utils.escapeHtml(href) + '">' + md.utils.escapeHtml(alt) + '</a>';
};

/*
 * Heading levels follow the page: an answer's headings start at env.headingLevel (below the page's
 * own headings and the message's author heading) and never skip a level, whatever the model wrote.
 * With env.headingLevel 0 (excerpts), headings become bold paragraphs. Table alignment travels as
 * data-align, since the policy forbids inline styles.
 */
md.core.ruler.push('project51_page_structure', (state) => {
	const base = state.env && state.env.headingLevel;
	const tokens = state.tokens;
	let lowest = 7;
	tokens.forEach((token) => {
		if (token.type === 'heading_open') {
			lowest = Math.min(lowest, Number(token.tag.slice(1)));
		}
	});
	let previous = base ? base - 1 : 0;
	let open = null;
	tokens.forEach((token) => {
		if (token.type === 'heading_open') {
			if (!base) {
				token.tag = 'p';
				token.attrSet('class', 'md-pseudo-heading');
				open = 'p';
				return;
			}
			const wanted = base + Number(token.tag.slice(1)) - lowest;
			const level = Math.max(base, Math.min(wanted, previous + 1, 6));
			previous = level;
			open = 'h' + level;
			token.tag = open;
		} else if (token.type === 'heading_close') {
			token.tag = open || token.tag;
			open = null;
		} else if (token.type === 'th_open' || token.type === 'td_open') {
			const style = token.attrGet('style');
			const align = style && /text-align:\s*(left|center|right)/.exec(style);
			token.attrs = align ? [['data-align', align[1]]] : null;
		}
	});
});

// ------------------------------------------------------------------ decoration (DOM calls only)

function unwrap(node) {
	const parent = node.parentNode;
	while (node.firstChild) {
		parent.insertBefore(node.firstChild, node);
	}
	parent.removeChild(node);
}

/* A code block: a toolbar with its language and a Copy button, and a focusable, scrollable <pre>. */
function decorateCode(pre, copyable) {
	const code = pre.querySelector('code');
	let language = '';
	if (code) {
		(code.getAttribute('class') || '').split(/\s+/).forEach((token) => {
			if (token.indexOf('language-') === 0) {
				language = languageOf(token.slice('language-'.length));
			}
		});
		if (language && knownLanguage(language)) {
			code.classList.add('hljs');
		}
		// markdown-it ends every block with a line break; a scroll box does not need it.
		const last = code.lastChild;
		if (last && last.nodeType === Node.TEXT_NODE && /\n$/.test(last.nodeValue)) {
			last.nodeValue = last.nodeValue.replace(/\n$/, '');
		}
	}
	const block = el('div', 'code-block');
	const head = el('div', 'code-head');
	head.appendChild(el('span', 'code-language', language || 'code'));
	if (copyable) {
		const copy = el('button', 'button button-tiny code-copy');
		copy.type = 'button';
		// Drawn by the style sheet: rendered Markdown holds no SVG (or any other active element).
		const icon = el('span', 'code-copy-icon');
		icon.setAttribute('aria-hidden', 'true');
		copy.appendChild(icon);
		copy.appendChild(el('span', 'code-copy-label', 'Copy'));
		copy.appendChild(el('span', 'visually-hidden', ' code'));
		head.appendChild(copy);
	}
	pre.className = 'md-code';
	if (language) {
		pre.setAttribute('data-language', language);
	}
	// Wide code scrolls sideways: it must be reachable and scrollable with the keyboard.
	pre.setAttribute('tabindex', '0');
	pre.setAttribute('role', 'group');
	pre.setAttribute('aria-label', language ? language + ' code' : 'Code');
	pre.parentNode.insertBefore(block, pre);
	block.appendChild(head);
	block.appendChild(pre);
}

function decorateTable(table) {
	const wrap = el('div', 'md-table');
	wrap.setAttribute('tabindex', '0');
	wrap.setAttribute('role', 'group');
	wrap.setAttribute('aria-label', 'Table');
	table.parentNode.insertBefore(wrap, table);
	wrap.appendChild(table);
	table.querySelectorAll('th').forEach((th) => th.setAttribute('scope', 'col'));
}

/**
 * Renders untrusted Markdown into a DocumentFragment of safe elements.
 * @param {string} text the Markdown
 * @param {{headingLevel?: number, copyable?: boolean}} [options] headingLevel: the level of the
 *     text's top headings (2..6; 0 turns headings into bold paragraphs; default 3); copyable: whether
 *     code blocks get a Copy button (default: when the clipboard is available)
 * @returns {DocumentFragment} the rendered nodes
 */
export function renderMarkdown(text, options) {
	const settings = options || {};
	const headingLevel = settings.headingLevel === undefined ? 3 : settings.headingLevel;
	const copyable = settings.copyable === undefined
		? !!(navigator.clipboard && window.isSecureContext) : settings.copyable;
	const source = (text === undefined || text === null) ? '' : withoutBidiControls(text);
	const html = md.render(source, { headingLevel });
	const fragment = DOMPurify.sanitize(html, PURIFY);
	fragment.querySelectorAll('a').forEach((a) => {
		const href = safeUrl(a.getAttribute('href'));
		if (!href) {
			unwrap(a);
			return;
		}
		a.setAttribute('href', href);
		a.setAttribute('rel', 'noopener noreferrer');
		a.setAttribute('target', '_blank');
	});
	fragment.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach((heading) => heading.classList.add('md-heading'));
	fragment.querySelectorAll('table').forEach(decorateTable);
	fragment.querySelectorAll('pre').forEach((pre) => decorateCode(pre, copyable));
	return fragment;
}

// ------------------------------------------------------------------ speech

function squash(text) {
	return String(text || '').replace(/\s+/g, ' ').trim();
}

const BLOCK = /^(P|H[1-6]|UL|OL|BLOCKQUOTE|PRE|TABLE|HR|DIV)$/;

function pushText(out, text, prefix) {
	const value = squash(text);
	if (value) {
		out.push((prefix || '') + value);
	}
}

function speakBlocks(node, out) {
	Array.prototype.forEach.call(node.children, (child) => {
		const tag = child.tagName;
		if (tag === 'P' || /^H[1-6]$/.test(tag)) {
			pushText(out, child.textContent);
		} else if (tag === 'UL' || tag === 'OL') {
			let number = parseInt(child.getAttribute('start') || '1', 10);
			Array.prototype.forEach.call(child.children, (item) => {
				const prefix = tag === 'OL' ? (number++) + '. ' : '';
				// The item's own text (a tight list has it inline), then its blocks.
				let own = '';
				item.childNodes.forEach((part) => {
					if (part.nodeType === Node.TEXT_NODE || !BLOCK.test(part.tagName)) {
						own += part.textContent;
					}
				});
				const blocks = [];
				speakBlocks(item, blocks);
				if (squash(own)) {
					pushText(out, own, prefix);
					blocks.forEach((block) => out.push(block));
				} else if (blocks.length) {
					out.push(prefix + blocks[0]);
					blocks.slice(1).forEach((block) => out.push(block));
				}
			});
		} else if (tag === 'BLOCKQUOTE') {
			const quoted = [];
			speakBlocks(child, quoted);
			if (quoted.length) {
				out.push('Quote: ' + quoted[0]);
				quoted.slice(1).forEach((block) => out.push(block));
			}
		} else if (child.classList.contains('code-block')) {
			const pre = child.querySelector('pre');
			const language = pre && pre.getAttribute('data-language');
			const code = pre ? pre.textContent : '';
			const lines = code ? code.split('\n').length : 0;
			const name = 'Code' + (language ? ' (' + language + ')' : '');
			out.push(code.length <= 240 ? name + ': ' + squash(code)
				: name + ', ' + lines + ' lines, shown in the answer.');
		} else if (child.classList.contains('md-table')) {
			const rows = child.querySelectorAll('tr');
			out.push('Table, ' + rows.length + (rows.length === 1 ? ' row:' : ' rows:'));
			rows.forEach((row) => {
				pushText(out, Array.prototype.map.call(row.children, (cell) => squash(cell.textContent)).join(', '));
			});
		} else if (tag === 'DIV') {
			speakBlocks(child, out);
		}
	});
}

/**
 * The text of rendered Markdown as a screen reader should hear it: one entry per block (paragraph,
 * heading, list item with its number, quote, code, table row), so that block boundaries are kept.
 * @param {Node} container the rendered Markdown
 * @returns {string[]} the blocks' texts
 */
export function speakable(container) {
	const out = [];
	speakBlocks(container, out);
	return out;
}

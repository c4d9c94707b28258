/*
 * Bundles and minifies the chat page's script and style sheet with esbuild, and writes them
 * pre-compressed (gzip and brotli) next to themselves, so that the starter serves the smallest
 * variant the browser accepts. Run by the Maven build (src/build/WebBuild.java) in generate-resources:
 *
 *   node build.mjs <classes directory>
 *
 * writes META-INF/project51/frontend/{chat.js,theme.js,chat.css}[.gz|.br] and
 * META-INF/project51/frontend-bundle-licenses.txt (the licenses of the bundled npm packages) under it.
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const classes = resolve(process.argv[2] || join(here, 'dist'));
const out = join(classes, 'META-INF', 'project51', 'frontend');
mkdirSync(out, { recursive: true });

// The oldest browsers the page supports (those with Trusted Types-free fallbacks, fetch streams, :focus-visible).
const target = ['chrome105', 'edge105', 'firefox110', 'safari16'];

const scripts = await build({
	absWorkingDir: here,
	entryPoints: { chat: 'src/chat.js', theme: 'src/theme.js' },
	bundle: true,
	minify: true,
	format: 'iife',
	target,
	charset: 'utf8',
	legalComments: 'none',
	outdir: out,
	metafile: true,
	logLevel: 'warning'
});
await build({
	absWorkingDir: here,
	entryPoints: { chat: 'src/chat.css' },
	bundle: true,
	minify: true,
	target,
	charset: 'utf8',
	outdir: out,
	logLevel: 'warning'
});

for (const name of ['chat.js', 'chat.css']) {
	const file = join(out, name);
	const content = readFileSync(file);
	writeFileSync(file + '.gz', gzipSync(content, { level: 9 }));
	writeFileSync(file + '.br', brotliCompressSync(content, {
		params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length }
	}));
}

// The bundled packages' licenses travel with the jar (BSD-3-Clause and MIT ask for their notices).
const packages = new Set();
for (const input of Object.keys(scripts.metafile.inputs)) {
	const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
	if (match) {
		packages.add(match[1]);
	}
}
const notices = ['The chat page\'s script bundles these npm packages (versions from package-lock.json):', ''];
for (const name of [...packages].sort()) {
	const directory = join(here, 'node_modules', name);
	const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
	notices.push('='.repeat(78), `${name} ${manifest.version} (${manifest.license})`, '='.repeat(78));
	const license = readdirSync(directory).find((file) => /^(license|licence|copying)/i.test(file));
	notices.push(license ? readFileSync(join(directory, license), 'utf8').trim() : '(no license file)', '');
}
writeFileSync(join(classes, 'META-INF', 'project51', 'frontend-bundle-licenses.txt'), notices.join('\n'));

const sizes = ['chat.js', 'theme.js', 'chat.css'].map((name) => {
	const size = readFileSync(join(out, name)).length;
	const br = existsSync(join(out, name + '.br')) ? readFileSync(join(out, name + '.br')).length : size;
	return `${name} ${(size / 1024).toFixed(1)} KiB (${(br / 1024).toFixed(1)} KiB brotli)`;
});
console.log('Bundled ' + sizes.join(', ') + ' into ' + out);

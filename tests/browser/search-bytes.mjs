// What a reader's browser loads for one search, counted in bytes (issue 28): on a dossier this
// test writes itself, whose vocabulary follows Zipf's law (the k-th most frequent word k times
// rarer than the first, 20,000 distinct words per language), served over HTTP on 127.0.0.1 to
// Debian's Chromium (driven by playwright-core). For a rare word (in three articles) and for
// the word in the most articles, a fresh browser opens the search page with `?q=WORD`; every
// byte of every response until the results show (the page, its stylesheets and scripts, the
// index and what it loads) is counted. Budgets: a rare word 200 KiB, a common word 1 MiB. The
// results must be those the index gives (each article holding the word).
//
// Usage: node tests/browser/search-bytes.mjs DOSSIER_BIN [GROUPS] [--keep DIR] [--built DIR]
//   GROUPS: translation groups to write (1,500 by default).
//   --keep DIR: write the site there and leave it (else a temporary folder, removed).
//   --built DIR: measure a site built already (BENCHMARKS.md: gen_corpus --vocabulary zipf,
//   10,000 groups, 80,000 words per language) instead of writing one.
import { launch } from './chromium.mjs';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const args = process.argv.slice(2);
const keepAt = args.indexOf('--keep');
const keep = keepAt >= 0 ? args.splice(keepAt, 2)[1] : null;
const builtAt = args.indexOf('--built');
const built = builtAt >= 0 ? args.splice(builtAt, 2)[1] : null;
const [dossier, groupsArg] = args;
if (!dossier) {
  console.error('usage: node tests/browser/search-bytes.mjs DOSSIER_BIN [GROUPS] [--keep DIR]');
  process.exit(2);
}
const groups = Number(groupsArg || 1500);
const RARE_BUDGET = 200 * 1024;
const COMMON_BUDGET = 1024 * 1024;
const repository = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// SplitMix32-like generator: the same corpus on every machine.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

// A language's words: made of its syllables, 20,000 of them, drawn by Zipf's law.
function vocabulary(syllables, seed) {
  const next = random(seed);
  const words = [];
  const seen = new Set();
  while (words.length < 20000) {
    let word = '';
    const length = 2 + Math.floor(next() * 3);
    for (let i = 0; i < length; i++) word += syllables[Math.floor(next() * syllables.length)];
    if (!seen.has(word)) { seen.add(word); words.push(word); }
  }
  const cumulated = [];
  let total = 0;
  for (let k = 1; k <= words.length; k++) { total += 1 / k; cumulated.push(total); }
  return (draw) => {
    const at = draw() * total;
    let lo = 0, hi = cumulated.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulated[mid] < at) lo = mid + 1; else hi = mid; }
    return words[lo];
  };
}
const french = vocabulary(['ba', 'ré', 'lon', 'tu', 'mi', 'sé', 'cha', 'pro', 'ter', 'gé', 'di', 'vau', 'mè',
  'ra', 'fon', 'ti', 'né', 'cou', 'pla', 'vi', 'dé', 'lo', 'gra', 'sa', 'ju', 'bè', 'men', 'tri', 'ço', 'pa'], 1);
const english = vocabulary(['ba', 'ter', 'lon', 'tu', 'mi', 'sen', 'cha', 'pro', 'ver', 'ge', 'di', 'wor',
  'ment', 'ra', 'fon', 'ti', 'ne', 'cou', 'pla', 'vi', 'de', 'lo', 'gra', 'sa', 'ju', 'ble', 'tri', 'shi'], 2);

function sentence(pick, draw, length) {
  const words = [];
  for (let i = 0; i < length; i++) words.push(pick(draw));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

// Group i: in French and English (six in ten), French only (three) or English only (one);
// about 500 words each, in paragraphs under headings.
const TOPICS = ['diplomacy', 'sanctions', 'cybercrime'];
function article(i, lang) {
  const draw = random(i * 2 + (lang === 'fr' ? 1 : 2));
  const pick = lang === 'fr' ? french : english;
  const date = `${2015 + (i % 11)}-${String(1 + ((i * 7) % 12)).padStart(2, '0')}-${String(1 + ((i * 13) % 28)).padStart(2, '0')}`;
  let text = `+++\ntitle = "${sentence(pick, draw, 6).slice(0, -1)}"\ndate = ${date}\ntopics = ["${TOPICS[i % 3]}"]\n`;
  text += `summary = "${sentence(pick, draw, 14)}"\n+++\n\n`;
  for (let section = 0; section < 4; section++) {
    text += `## ${sentence(pick, draw, 4).slice(0, -1)}\n\n`;
    for (let p = 0; p < 2; p++) {
      const sentences = [];
      for (let s = 0; s < 4; s++) sentences.push(sentence(pick, draw, 10 + Math.floor(draw() * 10)));
      text += sentences.join(' ') + '\n\n';
    }
  }
  return text;
}

const root = built ?? keep ?? mkdtempSync(join(tmpdir(), 'dossier-search-bytes-'));
const site = join(root, 'site');
const out = built ?? join(root, 'public');
let server;
try {
  if (!built) write();

  // The words of the French search and how many articles hold each, read off its chunks.
  const folder = join(out, 'fr', 'recherche');
  const context = { window: {} };
  vm.createContext(context);
  const load = (file) => vm.runInContext(readFileSync(join(folder, file), 'utf8'), context);
  load('index.js');
  const chunks = context.window.DOSSIER_SEARCH.chunks.length;
  const ids = context.window.DOSSIER_SEARCH.ids;
  const frequency = new Map();
  for (let n = 0; n < chunks; n++) {
    const id = ids.slice(n * 8, n * 8 + 8);
    load(`words-${id}.js`);
    const chunk = context.window.DOSSIER_SEARCH_WORDS[id];
    // The articles whose text (differences in base 36) or title or summary (differences
    // times 4, plus where) holds the word.
    const articles = (list, step) => {
      let at = 0;
      return list ? list.split(' ').map((code) => (at += Math.floor(parseInt(code, 36) / step))) : [];
    };
    chunk.words.forEach((word, i) => {
      const holding = new Set([...articles(chunk.postings[i], 1), ...articles(chunk.fields[i], 4)]);
      frequency.set(word, holding.size);
    });
  }
  const byCount = [...frequency].filter(([word]) => /^[a-z]{6,}$/.test(word));
  // A rare word: in three texts, and no other word starts with it (its results are its own).
  const sorted = [...frequency.keys()].sort();
  const alone = (word) => { const at = sorted.indexOf(word); return !(sorted[at + 1] || '').startsWith(word); };
  const rare = byCount.find(([word, count]) => count === 3 && alone(word));
  // A common word: in the most articles, short of all of them (a word in every article
  // ranks them by date alone, the cheapest case).
  const docs = context.window.DOSSIER_SEARCH.docs;
  const common = [...frequency]
    .filter(([word, count]) => /^[a-z]+$/.test(word) && count < docs * 0.95)
    .reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  if (!rare) {
    console.error('search-bytes: no word of the corpus is in exactly three articles');
    process.exit(1);
  }

  // The site over HTTP, on 127.0.0.1 only.
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.xml': 'application/xml' };
  server = createServer((request, response) => {
    let path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (path.includes('..')) { response.writeHead(400).end(); return; }
    if (path.endsWith('/')) path += 'index.html';
    const file = join(out, path);
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  const base = `http://127.0.0.1:${server.address().port}`;

  const failures = [];
  const figures = [];
  for (const [kind, [word, count], budget] of [['rare', rare, RARE_BUDGET], ['common', common, COMMON_BUDGET]]) {
    // A fresh browser each time: nothing in its cache.
    const browser = await launch('search-bytes');
    try {
      const page = await browser.newPage();
      const loaded = [];
      page.on('response', async (response) => {
        loaded.push(response.body().then((body) => [response.url(), body.length]).catch(() => [response.url(), 0]));
      });
      await page.goto(`${base}/fr/recherche/index.html?q=${encodeURIComponent(word)}`);
      await page.waitForSelector('#search-results li .snippet', { timeout: 20000 });
      await page.waitForLoadState('networkidle');
      const shown = await page.$$eval('#search-results li', (items) => items.length);
      const said = await page.textContent('#search-status');
      const bytes = (await Promise.all(loaded)).reduce((sum, [, size]) => sum + size, 0);
      const files = loaded.length;
      const each = (await Promise.all(loaded)).map(([url, n]) => `${url.replace(base, "")} ${(n / 1024).toFixed(1)}`).join(", ");
      figures.push(`${kind} "${word}" (${count} articles): ${(bytes / 1024).toFixed(1)} KiB in ${files} files, ${shown} results shown (${each})`);
      if (bytes > budget) failures.push(`${kind} word "${word}": ${bytes} bytes loaded, over ${budget}`);
      // (The common word starts others: more articles than its own hold it or them.)
      if (kind === 'rare' && !said.includes(String(count))) failures.push(`${kind} word "${word}": the status says "${said}", not ${count}`);
      if (shown !== Math.min(count, 10)) failures.push(`${kind} word "${word}": ${shown} results shown of ${count}`);
    } finally {
      await browser.close();
    }
  }
  const size = (dir) => readdirSync(dir).length;
  console.log(`search bytes at ${built ? built : groups + ' groups'} (${size(folder)} files in fr/recherche, ${chunks} chunks of words):\n  ${figures.join('\n  ')}`);
  if (failures.length) {
    console.error(`search-bytes:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
} finally {
  if (server) server.close();
  if (!keep && !built) rmSync(root, { recursive: true, force: true });
}

// The corpus written and built.
function write() {
  mkdirSync(join(site, 'content', 'articles'), { recursive: true });
  writeFileSync(join(site, 'config.toml'), readFileSync(join(repository, 'config.toml')));
  for (let i = 0; i < groups; i++) {
    const languages = i % 10 < 6 ? ['fr', 'en'] : i % 10 < 9 ? ['fr'] : ['en'];
    for (const lang of languages) {
      writeFileSync(join(site, 'content', 'articles', `a${String(i).padStart(5, '0')}.${lang}.md`), article(i, lang));
    }
  }
  const result = spawnSync(dossier, ['build', '--quiet', '--root', site, '--output-dir', out], { encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(`search-bytes: the build failed:\n${result.stderr}`);
    process.exit(1);
  }
}

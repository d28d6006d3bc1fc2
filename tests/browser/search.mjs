// Search in a real browser (Debian's Chromium, driven by playwright-core), on a built site
// opened from disk: typing QUERY in LANG's search shows exactly the articles (and the actors'
// pages) whose sources mention it (case and accents ignored, words starting with it), ten at a
// time until "more" shows the rest, titles first, with the words marked; the keyboard alone
// goes from the field through the results and back; the masthead field of the home and a `?q=` address, upper case or accented, lead to the same results;
// without JavaScript the page lists every article. What it should find comes from the sources,
// not from the site: the articles the language shows (its own versions, else the default
// language's) from `dossier status --format json`, and their title, summary and text from the
// Markdown files, folded and split into words this test's own way.
//
// Usage: node tests/browser/search.mjs SITE_DIR ROOT DOSSIER_BIN LANG QUERY
//   ROOT: the site root SITE_DIR was built from (config.toml, content/);
//   DOSSIER_BIN: the dossier executable, run as `DOSSIER_BIN status --format json --root ROOT`;
//   QUERY: one word.
import { launch } from './chromium.mjs';
import { markdownText, matterString, pageOf, readSource, shownVersion, status } from './sources.mjs';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [siteArg, rootArg, dossierArg, lang, query] = process.argv.slice(2);
if (!siteArg || !rootArg || !dossierArg || !lang || !query) {
  console.error('usage: node tests/browser/search.mjs SITE_DIR ROOT DOSSIER_BIN LANG QUERY');
  process.exit(2);
}
const [site, root, dossier] = [resolve(siteArg), resolve(rootArg), dossierArg];

// The test's own folding and words, written apart from the site's script.
const strip = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const fold = (text) => strip(text).toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae');
const words = (text) => fold(text).split(/[^a-z0-9\u00c0-\u024f]+/).filter(Boolean);
const q = fold(query);
const mentions = (text) => words(text).some((w) => w.startsWith(q));
if (words(query).length !== 1) {
  console.error(`search: QUERY must be one word, not "${query}"`);
  process.exit(2);
}

// What the search should find: every article the language shows whose title, summary or text
// (in its source) mentions the query; those whose title does come first.
const table = status(dossier, root);
const shown = [];
const expected = [];
const titled = new Set();
const sourceWords = [];
for (const row of table.articles) {
  const version = shownVersion(root, row, lang);
  const href = pathToFileURL(pageOf(site, root, version)).href;
  const { matter, body } = readSource(root, version.file);
  const text = [version.title, matterString(matter, 'summary') ?? '', markdownText(body)].join('\n');
  shown.push(href);
  if (mentions(text)) {
    expected.push(href);
    sourceWords.push(...text.normalize('NFC').split(/[^\p{L}\p{M}\p{N}]+/u));
  }
  if (mentions(version.title)) titled.add(href);
}
// The actors' pages the search shows after the articles (issue 29): each actor of
// `actors.toml` whose name, description or aliases mention the query, found at
// LANG/<actors_path>/<key>/. The TOML is read by Python's tomllib.
const readToml = (file) => JSON.parse(execFileSync('python3', ['-c',
  'import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], "rb")), default=str))',
  file], { encoding: 'utf8' }));
if (existsSync(join(root, 'actors.toml'))) {
  const actorsPath = readToml(join(root, 'config.toml')).languages?.[lang]?.actors_path ?? 'actors';
  for (const [key, actor] of Object.entries(readToml(join(root, 'actors.toml')).actors ?? {})) {
    const own = actor[lang];
    const href = pathToFileURL(join(site, lang, actorsPath, key, 'index.html')).href;
    const text = [own.name, own.description, ...(own.aliases ?? [])].join('\n');
    if (mentions(text)) {
      expected.push(href);
      sourceWords.push(...text.normalize('NFC').split(/[^\p{L}\p{M}\p{N}]+/u));
    }
    if (mentions(own.name)) titled.add(href);
  }
}

const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };
check(expected.length > 0, `no article of ${root} shown in ${lang} mentions "${query}": the test proves nothing`);

// The query accented: as the sources spell it when they do with an accent (`coree` → `Corée`),
// else with an accent on each vowel (`sanctions` → `Sànctîôns`); capitalized either way.
function accent(word) {
  for (const source of sourceWords) {
    const chars = [...source];
    for (let n = 1; n <= chars.length; n++) {
      const prefix = chars.slice(0, n).join('');
      if (fold(prefix) === q && strip(prefix) !== prefix) return prefix;
      if (fold(prefix).length >= q.length) break;
    }
  }
  const marks = { a: 'à', e: 'é', i: 'î', o: 'ô', u: 'ù', A: 'À', E: 'É', I: 'Î', O: 'Ô', U: 'Ù' };
  return strip(word).replace(/[aeiouAEIOU]/g, (v) => marks[v]);
}
const capital = (word) => word.charAt(0).toUpperCase() + word.slice(1);
const accented = capital(accent(query));
check(accented !== strip(accented), `the test's accented form of "${query}", "${accented}", has no accent: ?q= proves nothing on accents`);
check(fold(accented) === q, `the test's accented form of "${query}", "${accented}", is another word`);

const report = () => {
  if (failures.length) {
    console.error(`search (${lang}, "${query}") in ${site}:\n  ` + failures.join('\n  '));
    process.exit(1);
  }
};
report(); // the sources give nothing to look for: no use opening the browser

const browser = await launch('search');
const searchUrl = (page) => page.url().split('?')[0];
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // The home's masthead field leads to the search page, with the query.
  await page.goto('file://' + join(site, lang, 'index.html'));
  await page.fill('#masthead-query', query);
  await page.press('#masthead-query', 'Enter');
  await page.waitForSelector('#search-results li', { timeout: 5000 });
  const searchPage = searchUrl(page);
  check(new URL(page.url()).searchParams.get('q') === query, `the masthead field did not carry "${query}": ${page.url()}`);

  // Typing in the search page's own field, from an empty page.
  await page.goto(searchPage);
  check(await page.isVisible('#search-all'), 'the list of every article is hidden before any search');
  await page.focus('#search-query');
  await page.keyboard.type(query, { delay: 20 });
  // The page shows ten results at a time: "more" until every one shows (bounded).
  await page.waitForSelector('#search-results li', { timeout: 5000 }).catch(() => {});
  for (let clicks = 0; clicks < 50 && await page.isVisible('#search-more'); clicks++) {
    await page.click('#search-more', { timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(50);
  }
  await page.focus('#search-query');
  await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length === n
    && !document.getElementById('search-results').hidden, expected.length, { timeout: 5000 })
    .catch(() => {});
  const results = await page.$$eval('#search-results li', (items) => items.map((li) => ({
    href: li.querySelector('a').href,
    marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
  })));
  const found = results.map((r) => r.href);
  check(JSON.stringify([...found].sort()) === JSON.stringify([...expected].sort()),
    `"${query}" found ${JSON.stringify(found)}, expected ${JSON.stringify(expected)}`);
  check(!(await page.isVisible('#search-all')), 'the list of every article stays shown beside the results');
  const said = await page.textContent('#search-status');
  check(said.includes(String(expected.length)) || expected.length === 1,
    `the status does not give the count ${expected.length}: "${said}"`);
  // Titles that hold the word come first.
  const firstUntitled = found.findIndex((h) => !titled.has(h));
  const lastTitled = found.reduce((at, h, i) => (titled.has(h) ? i : at), -1);
  check(firstUntitled < 0 || lastTitled < firstUntitled,
    `a result without "${query}" in its title ranks above one with it: ${JSON.stringify(found)}`);
  // Every result marks what it found, and only words that start with the query.
  await page.waitForTimeout(300); // text shards load for the snippets
  const marked = await page.$$eval('#search-results li', (items) => items.map((li) =>
    Array.from(li.querySelectorAll('mark')).map((m) => m.textContent)));
  marked.forEach((marks, i) => {
    check(marks.length > 0, `result ${found[i]} marks nothing`);
    marks.forEach((m) => check(fold(m).startsWith(q), `result ${found[i]} marks "${m}"`));
  });

  // The keyboard: down into the results, down again, up twice back to the field.
  const focused = () => page.evaluate(() => document.activeElement.id || document.activeElement.href);
  await page.keyboard.press('ArrowDown');
  check(await focused() === found[0], `ArrowDown from the field does not reach the first result: ${await focused()}`);
  if (found.length > 1) {
    await page.keyboard.press('ArrowDown');
    check(await focused() === found[1], 'ArrowDown does not reach the second result');
    await page.keyboard.press('ArrowUp');
  }
  await page.keyboard.press('ArrowUp');
  check(await focused() === 'search-query', 'ArrowUp from the first result does not come back to the field');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(found[0], { timeout: 5000 }).catch(() => {});
  check(page.url() === found[0], `Enter on the first result leads to ${page.url()}`);

  // An address with the query, upper case or accented, gives the same results.
  for (const variant of [query.toUpperCase(), accented]) {
    await page.goto(searchPage + '?q=' + encodeURIComponent(variant));
    await page.waitForSelector('#search-results li', { timeout: 5000 }).catch(() => {});
    const again = await page.$$eval('#search-results li a', (links) => links.map((a) => a.href));
    // The first ten, before "more".
    check(JSON.stringify(again) === JSON.stringify(found.slice(0, 10)), `?q=${variant} found ${JSON.stringify(again)}, "${query}" ${JSON.stringify(found)}`);
  }
  // A word nothing holds: no result, and the status says so.
  await page.fill('#search-query', 'zzqxj');
  await page.waitForFunction(() => document.getElementById('search-results').hidden, null, { timeout: 5000 })
    .catch(() => {});
  check(await page.isHidden('#search-results'), 'a word nothing holds shows results');
  check((await page.textContent('#search-status')).includes('zzqxj'), 'the status does not name the word nothing holds');
  check(errors.length === 0, `script errors: ${errors.join('; ')}`);
  await page.close();

  // Without JavaScript: every article, as links, and a word on why.
  const plain = await launch('search', { javaScriptEnabled: false });
  try {
    const noScript = await plain.newPage();
    await noScript.goto(searchPage);
    const links = await noScript.$$eval('#search-all li a', (a) => a.map((link) => link.href));
    check(JSON.stringify([...links].sort()) === JSON.stringify([...shown].sort()),
      `without JavaScript the page lists ${JSON.stringify(links)}, not the ${shown.length} articles of dossier status shown in ${lang} ${JSON.stringify(shown)}`);
    check(await noScript.isVisible('#search-all noscript p'),
      'without JavaScript the page does not say why it lists every article');
  } finally {
    await plain.close();
  }
} finally {
  await browser.close();
}

report();
console.log(`search (${lang}, "${query}") in ${site}: the ${expected.length} pages (articles, actors) whose sources mention it, titles first, marked; keyboard, masthead, ?q= (${query.toUpperCase()}, ${accented}) and no-JavaScript list work`);

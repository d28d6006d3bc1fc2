// Search in a real browser (Debian's Chromium, driven by playwright-core), on a built site
// opened from disk: typing QUERY in LANG's search shows exactly the articles whose page
// mentions it (case and accents ignored, words starting with it), titles first, with the
// words marked; the keyboard alone goes from the field through the results and back; the
// masthead field of the home and a `?q=` address lead to the same results; without
// JavaScript the page lists every article.
//
// Usage: node tests/browser/search.mjs SITE_DIR LANG QUERY
import { launch } from './chromium.mjs';
import { join } from 'node:path';

const [site, lang, query] = process.argv.slice(2);
if (!site || !lang || !query) {
  console.error('usage: node tests/browser/search.mjs SITE_DIR LANG QUERY');
  process.exit(2);
}

// The test's own folding and words, written apart from the site's script.
const fold = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  .replace(/œ/g, 'oe').replace(/æ/g, 'ae');
const words = (text) => fold(text).split(/[^a-z0-9\u00c0-\u024f]+/).filter(Boolean);
const q = fold(query);
const mentions = (text) => words(text).some((w) => w.startsWith(q));

const browser = await launch('search');
const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };
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

  // What the search should find: every article of the page's list (all articles shown in
  // the language) whose page mentions the query.
  const listed = await page.$$eval('#search-all li a', (links) => links.map((a) => a.href));
  const expected = [];
  const titled = new Set();
  const reader = await browser.newPage();
  for (const href of listed) {
    await reader.goto(href);
    const text = await reader.$eval('main article', (a) => a.innerText);
    const title = await reader.$eval('main h1', (h) => h.innerText);
    if (mentions(text)) { expected.push(href); }
    if (mentions(title)) { titled.add(href); }
  }
  await reader.close();
  check(expected.length > 0, `no article of ${site}/${lang} mentions "${query}": the test proves nothing`);

  // Typing in the search page's own field, from an empty page.
  await page.goto(searchPage);
  check(await page.isVisible('#search-all'), 'the list of every article is hidden before any search');
  await page.focus('#search-query');
  await page.keyboard.type(query, { delay: 20 });
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
  const status = await page.textContent('#search-status');
  check(status.includes(String(expected.length)) || expected.length === 1,
    `the status does not give the count ${expected.length}: "${status}"`);
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

  // An address with the query, accented, gives the same results.
  await page.goto(searchPage + '?q=' + encodeURIComponent(query.toUpperCase()));
  await page.waitForSelector('#search-results li', { timeout: 5000 }).catch(() => {});
  const again = await page.$$eval('#search-results li a', (links) => links.map((a) => a.href));
  check(JSON.stringify(again) === JSON.stringify(found), `?q=${query.toUpperCase()} found ${JSON.stringify(again)}`);
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
    const links = await noScript.$$eval('#search-all li a', (a) => a.length);
    check(links === listed.length && links > 0, `without JavaScript the page lists ${links} articles, not ${listed.length}`);
    check(await noScript.isVisible('#search-all noscript p'),
      'without JavaScript the page does not say why it lists every article');
  } finally {
    await plain.close();
  }
} finally {
  await browser.close();
}

if (failures.length) {
  console.error(`search (${lang}, "${query}") in ${site}:\n  ` + failures.join('\n  '));
  process.exit(1);
}
console.log(`search (${lang}, "${query}") in ${site}: the articles that mention it, titles first, marked; keyboard, masthead, ?q= and no-JavaScript list work`);

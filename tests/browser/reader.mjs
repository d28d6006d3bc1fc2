// Reader features in a real browser (Debian's Chromium, driven by playwright-core), on the
// built first dossier opened from disk: each language's timeline lists every article of the
// dossier exactly once, by year, newest first, and each entry leads to an existing page.
//
// Usage: node tests/browser/reader.mjs SITE_DIR
import { launch } from './chromium.mjs';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const site = process.argv[2];
if (!site) {
  console.error('usage: node tests/browser/reader.mjs SITE_DIR');
  process.exit(2);
}

// Articles per language, from the built pages: every folder under <lang>/articles/.
function articles(lang) {
  const dir = join(site, lang, 'articles');
  return readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());
}

const browser = await launch('reader');
const failures = [];
try {
  const page = await browser.newPage();
  // The translation groups: an article and its translations count once per timeline.
  const groups = new Set();
  for (const lang of ['fr', 'en']) {
    for (const slug of articles(lang)) {
      await page.goto('file://' + join(site, lang, 'articles', slug, 'index.html'));
      const versions = await page.$$eval('link[rel="alternate"][hreflang]:not([hreflang="x-default"])',
        (links) => links.map((l) => l.href).sort().join(' '));
      groups.add(versions);
    }
  }
  for (const lang of ['fr', 'en']) {
    await page.goto('file://' + join(site, lang, 'index.html'));
    // The navigation leads to the timeline.
    await page.click('.nav-timeline a');
    const entries = await page.$$eval('.timeline-list li', (items) => items.map((li) => ({
      href: li.querySelector('a').href,
      date: li.querySelector('time').getAttribute('datetime'),
      year: li.closest('section').querySelector('h2').textContent.trim(),
    })));
    const where = `${lang} timeline (${page.url()})`;
    if (entries.length !== groups.size) {
      failures.push(`${where}: ${entries.length} entries for ${groups.size} articles`);
    }
    const hrefs = new Set(entries.map((e) => e.href));
    if (hrefs.size !== entries.length) failures.push(`${where}: an article is listed twice`);
    for (const [i, entry] of entries.entries()) {
      if (!entry.date.startsWith(entry.year)) failures.push(`${where}: ${entry.href} dated ${entry.date} under ${entry.year}`);
      if (i > 0 && entries[i - 1].date < entry.date) failures.push(`${where}: ${entry.href} is not newest first`);
      if (!existsSync(fileURLToPath(entry.href))) failures.push(`${where}: ${entry.href} does not exist`);
    }
    console.log(`${where}: ${entries.length} articles`);
  }
} finally {
  await browser.close();
}
if (failures.length > 0) {
  for (const failure of failures) console.log(`FAIL ${failure}`);
  process.exit(1);
}
console.log('reader features: ok');

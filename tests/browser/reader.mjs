// Reader features in a real browser (Debian's Chromium, driven by playwright-core), on a built
// site opened from disk: each language's timeline lists every article of the dossier exactly
// once (the language's own version, else the one the language shows), by year, newest first,
// and each entry leads to an existing page. What it should list comes from the sources, not
// from the built pages: the translation groups, their files and titles from
// `dossier status --format json`, their dates from the Markdown files' front matter. With
// actors (`actors.toml`), each article's first actor link leads to a page that lists it, and
// back.
//
// Usage: node tests/browser/reader.mjs SITE_DIR ROOT DOSSIER_BIN
//   ROOT: the site root SITE_DIR was built from (config.toml, content/);
//   DOSSIER_BIN: the dossier executable, run as `DOSSIER_BIN status --format json --root ROOT`.
import { launch } from './chromium.mjs';
import { matterDate, pageOf, readSource, shownVersion, status, versions } from './sources.mjs';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [site, root] = process.argv.slice(2, 4).map((arg) => arg && resolve(arg));
const dossier = process.argv[4];
if (!site || !root || !dossier) {
  console.error('usage: node tests/browser/reader.mjs SITE_DIR ROOT DOSSIER_BIN');
  process.exit(2);
}

// Titles as compared: typography adds or changes spaces (`ONU : 2`), nothing else.
const squeeze = (text) => text.replace(/[\s\u00a0\u202f]+/g, '');

const table = status(dossier, root);
// The timeline lists the articles; reference pages are in none of the lists.
const articles = table.articles.filter((row) => row.kind === 'article');
const browser = await launch('reader');
const failures = [];
try {
  const page = await browser.newPage();
  for (const lang of table.languages) {
    // Every translation group once: the version the language shows, with its group's date.
    const expected = new Map();
    for (const row of articles) {
      const shown = shownVersion(root, row, lang);
      const date = matterDate(readSource(root, shown.file).matter)
        ?? versions(row).map((v) => matterDate(readSource(root, v.file).matter)).find(Boolean);
      expected.set(pathToFileURL(pageOf(site, root, shown)).href, { ...shown, date });
    }
    const own = articles.filter((row) => row.versions[lang]).length;

    await page.goto('file://' + join(site, lang, 'index.html'));
    // The navigation leads to the timeline.
    await page.click('.nav-timeline a');
    const entries = await page.$$eval('.timeline-list li', (items) => items.map((li) => ({
      href: li.querySelector('a').href,
      title: li.querySelector('a').textContent,
      date: li.querySelector('time').getAttribute('datetime'),
      year: li.closest('section').querySelector('h2').textContent.trim(),
    })));
    const where = `${lang} timeline (${page.url()})`;
    if (entries.length !== articles.length) {
      failures.push(`${where}: ${entries.length} entries for the ${articles.length} articles of dossier status`);
    }
    const hrefs = new Set(entries.map((e) => e.href));
    if (hrefs.size !== entries.length) failures.push(`${where}: an article is listed twice`);
    for (const [href, version] of expected) {
      if (!hrefs.has(href)) failures.push(`${where}: ${version.file} (${href}) is not listed`);
    }
    const inLanguage = entries.filter((e) => e.href.startsWith(pathToFileURL(join(site, lang)).href + '/')).length;
    if (inLanguage !== own) failures.push(`${where}: ${inLanguage} entries lead to ${lang} pages, dossier status has ${own} articles in ${lang}`);
    for (const [i, entry] of entries.entries()) {
      const version = expected.get(entry.href);
      if (!version) {
        failures.push(`${where}: ${entry.href} is none of the articles of dossier status`);
      } else {
        if (squeeze(entry.title) !== squeeze(version.title)) failures.push(`${where}: ${entry.href} is titled "${entry.title}", not "${version.title}" (${version.file})`);
        if (!version.date) failures.push(`${where}: ${version.file} and its translations give no date`);
        else if (entry.date.slice(0, 10) !== version.date) failures.push(`${where}: ${entry.href} is dated ${entry.date}, its source ${version.date}`);
      }
      if (!entry.date.startsWith(entry.year)) failures.push(`${where}: ${entry.href} dated ${entry.date} under ${entry.year}`);
      if (i > 0 && entries[i - 1].date < entry.date) failures.push(`${where}: ${entry.href} is not newest first`);
      if (!existsSync(fileURLToPath(entry.href))) failures.push(`${where}: ${entry.href} does not exist`);
    }
    console.log(`${where}: ${entries.length} articles, ${inLanguage} in ${lang}`);

    // With actors: from each article, its first actor link leads to the actor's page, which
    // lists the article; the way back returns to it; the navigation leads to their index.
    let followed = 0;
    for (const href of expected.keys()) {
      if (!href.startsWith(pathToFileURL(join(site, lang)).href + '/')) continue;
      await page.goto(href);
      // The page's own text (the other versions' cells are hidden until read side by side).
      const link = page.locator('.prose a.actor-link:visible').first();
      if (await link.count() === 0) continue;
      const name = (await link.textContent()).trim();
      await link.click();
      const actorPage = page.url();
      const listed = await page.$$eval('.actor-articles li a', (links) => links.map((a) => a.href));
      const heading = await page.textContent('h1');
      if (!listed.includes(href)) failures.push(`${lang}: "${name}" in ${href} leads to ${actorPage} (${heading}), which does not list it`);
      await page.goBack();
      if (page.url() !== href) failures.push(`${lang}: back from ${actorPage} at ${page.url()}, not ${href}`);
      await page.click('.nav-actors a');
      const index = await page.$$eval('.actor-index a', (links) => links.map((a) => a.href));
      if (!index.includes(actorPage)) failures.push(`${lang}: the actors' index (${page.url()}) does not list ${actorPage}`);
      followed += 1;
    }
    if (followed > 0) console.log(`${lang}: ${followed} articles lead to an actor and back`);
  }
} finally {
  await browser.close();
}
if (failures.length > 0) {
  for (const failure of failures) console.log(`FAIL ${failure}`);
  process.exit(1);
}
console.log('reader features: ok');

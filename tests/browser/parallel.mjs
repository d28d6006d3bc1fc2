// The side-by-side reading in a real browser (Debian's Chromium, driven by playwright-core), on
// a built site opened from disk. Every version of every translated article holds the other
// versions in its own page. Read alone, the page shows its own text only: its headings are its
// Markdown source's, no other version's cell shows. Its "read side by side" link (`#cote-a-cote`)
// shows a column per version, the page's own first, then the others in the languages' order,
// each cell with its `lang`; the columns show the headings of the versions' sources, paired
// headings stand on the same line; following a link inside the reading keeps the columns, and
// the way back shows the page's text alone again. On a 375-pixel-wide phone the columns stack
// without any sideways scrolling. An article without translation has no such link. Which
// articles are translated, in which files, comes from `dossier status --format json`; the
// headings from the Markdown files, read this test's own way.
//
// Usage: node tests/browser/parallel.mjs SITE_DIR ROOT DOSSIER_BIN
//   ROOT: the site root SITE_DIR was built from (config.toml, content/);
//   DOSSIER_BIN: the dossier executable, run as `DOSSIER_BIN status --format json --root ROOT`.
import { launch } from './chromium.mjs';
import { markdownHeadings, pageOf, plain, readSource, status, versions } from './sources.mjs';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [site, root] = process.argv.slice(2, 4).map((arg) => arg && resolve(arg));
const dossier = process.argv[4];
if (!site || !root || !dossier) {
  console.error('usage: node tests/browser/parallel.mjs SITE_DIR ROOT DOSSIER_BIN');
  process.exit(2);
}
const table = status(dossier, root);

// Text as compared: white space ignored (typography adds no-break spaces before `:` or `?`).
const squeeze = (text) => text.replace(/[\s\u00a0\u202f]+/g, '');
const same = (a, b) => JSON.stringify(a.map(squeeze)) === JSON.stringify(b.map(squeeze));

// The headings a reader sees in the article's body, in order: its own blocks' (not those
// inside a quote of the source), as the Markdown source gives them.
const visibleHeadings = (page) => page.evaluate(() => [...document.querySelectorAll(':is(.prose, .prose > .parallel-row > .parallel-cell) > :is(h1, h2, h3, h4, h5, h6)')]
  .filter((h) => h.getClientRects().length > 0).map((h) => h.textContent));
// How many cells of other versions a reader sees.
const visibleOthers = (page) => page.evaluate(() => [...document.querySelectorAll('.parallel-other')]
  .filter((cell) => cell.getClientRects().length > 0).length);

const browser = await launch('parallel', {
  viewport: { width: 1280, height: 900 },
});
const failures = [];
let views = 0;
let sourceHeadings = 0;
const translatedVersions = table.articles.filter((row) => versions(row).length > 1)
  .reduce((n, row) => n + versions(row).length, 0);
try {
  const page = await browser.newPage();
  for (const row of table.articles) {
    const all = versions(row);
    const translated = all.length > 1;
    for (const version of all) {
      const article = pageOf(site, root, version);
      const name = `${version.lang}/${relative(resolve(site, version.lang), article).replace(/\/index\.html$/, '')} (${version.file})`;
      if (!existsSync(article)) {
        failures.push(`${name}: no page at ${article}`);
        continue;
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(pathToFileURL(article).href);
      const link = await page.$('a.parallel-link');
      if (!translated) {
        if (link) failures.push(`${name}: a side-by-side link on an article without translation`);
        if (await page.$('.parallel-view')) failures.push(`${name}: a side-by-side reading on an article without translation`);
        continue;
      }
      if (!link) {
        failures.push(`${name}: no side-by-side link, though dossier status gives it ${all.map((v) => v.lang).join(' and ')}`);
        continue;
      }
      // Read alone: the page's own text, its own headings, no other version.
      const ownHeadings = markdownHeadings(readSource(root, version.file).body);
      const alone = await visibleHeadings(page);
      if (!same(ownHeadings, alone)) failures.push(`${name}: read alone, it shows the headings ${JSON.stringify(alone)}, not those of ${version.file} ${JSON.stringify(ownHeadings)}`);
      if (await visibleOthers(page) > 0) failures.push(`${name}: read alone, it shows cells of other versions`);
      await link.click();
      views += 1;
      const where = `${name} → ${page.url().replace(pathToFileURL(site).href, '')}`;
      if (page.url().split('#')[0] !== pathToFileURL(article).href) {
        failures.push(`${where}: the link leaves the article's page`);
        continue;
      }
      const view = await page.evaluate(() => {
        const box = (el) => {
          const r = el.getBoundingClientRect();
          return { left: r.left, top: r.top, bottom: r.bottom, right: r.right };
        };
        const columns = [...document.querySelectorAll('.parallel-columns .parallel-cell')].map((cell) => ({
          lang: cell.lang,
          href: cell.querySelector('.parallel-title a')?.href ?? null,
          title: cell.querySelector('.parallel-title').textContent,
          box: box(cell),
        }));
        const rows = [...document.querySelectorAll('.parallel-row:not(.parallel-columns)')].map((row) => ({
          heading: row.classList.contains('parallel-heading'),
          cells: [...row.children].map((cell) => ({
            lang: cell.lang,
            box: box(cell),
            headings: [...cell.querySelectorAll(':scope > h1, :scope > h2, :scope > h3, :scope > h4, :scope > h5, :scope > h6')]
              .map((h) => ({ text: h.textContent, box: box(h) })),
          })),
        }));
        const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
        const fragments = [...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href').slice(1));
        return { pageLang: document.documentElement.lang, anchor: document.querySelector('.parallel-view').id, columns, rows, ids, fragments };
      });
      if (view.pageLang !== version.lang) failures.push(`${where}: the page is in ${view.pageLang}, not ${version.lang}`);
      const order = view.columns.map((c) => c.lang).join(' | ');
      const expectedOrder = [version, ...all.filter((v) => v !== version)].map((v) => v.lang).join(' | ');
      if (order !== expectedOrder) failures.push(`${where}: columns ${order}, not ${expectedOrder}`);
      if (view.columns.length > 1 && !(view.columns[0].box.right <= view.columns[1].box.left + 1)) {
        failures.push(`${where}: the columns are not side by side at 1280 pixels`);
      }
      const headings = view.columns.map(() => []);
      for (const [r, row] of view.rows.entries()) {
        row.cells.forEach((cell, c) => {
          if (cell.lang !== view.columns[c]?.lang) failures.push(`${where}: row ${r}, cell ${c} is lang="${cell.lang}"`);
          if (Math.abs(cell.box.left - view.columns[c].box.left) > 1) failures.push(`${where}: row ${r}, cell ${c} is out of its column`);
          headings[c].push(...cell.headings.map((h) => plain(h.text)));
        });
        if (row.heading) {
          const tops = row.cells.flatMap((cell) => cell.headings.map((h) => h.box.top));
          if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 1) {
            failures.push(`${where}: the headings of row ${r} are not on one line (${tops.join(', ')})`);
          }
        }
      }
      // Each column is its version (its page, its title) and shows its source's headings, in order.
      for (const [c, column] of view.columns.entries()) {
        const source = all.find((v) => v.lang === column.lang);
        if (!source) continue; // reported with the columns' order
        // The other versions' titles lead to their pages; the page's own is not a link.
        const own = source === version ? null : pathToFileURL(pageOf(site, root, source)).href;
        if (column.href !== own) failures.push(`${where}: the ${column.lang} column leads to ${column.href}, not ${own} (${source.file})`);
        if (squeeze(column.title) !== squeeze(source.title)) failures.push(`${where}: the ${column.lang} column is titled "${plain(column.title)}", not "${source.title}" (${source.file})`);
        const expected = markdownHeadings(readSource(root, source.file).body);
        sourceHeadings += expected.length;
        if (!same(expected, headings[c])) {
          failures.push(`${where}: the ${column.lang} column's headings ${JSON.stringify(headings[c])} are not those of ${source.file} ${JSON.stringify(expected)}`);
        }
      }
      // A link inside the reading (the other version's first heading, as a link to it would
      // lead there) keeps the columns; the way back shows the page's text alone again.
      const inside = await page.evaluate(() => document.querySelector('.parallel-other h2, .parallel-other h3, .parallel-other p')?.id
        || document.querySelector('.parallel-other [id]')?.id || '');
      if (inside) {
        await page.evaluate((id) => { location.hash = `#${id}`; }, inside);
        await page.waitForFunction((id) => location.hash === `#${id}`, inside);
        if (await visibleOthers(page) === 0) {
          failures.push(`${where}: following a link to #${inside} inside the reading hides the other versions`);
          continue;
        }
      }
      await page.click('.parallel-exit a');
      await page.waitForFunction(() => location.hash === '#content');
      if (await visibleOthers(page) > 0) failures.push(`${where}: the way back still shows other versions`);
      const back = await visibleHeadings(page);
      if (!same(ownHeadings, back)) failures.push(`${where}: back, it shows the headings ${JSON.stringify(back)}`);
      // Side by side again, for the phone.
      await page.goto(`${pathToFileURL(article).href}#${view.anchor}`);
      const ids = new Set(view.ids);
      if (ids.size !== view.ids.length) failures.push(`${where}: an id is used twice`);
      for (const fragment of view.fragments) {
        if (!ids.has(decodeURIComponent(fragment))) failures.push(`${where}: a link to #${fragment}, which the page lacks`);
      }

      // On a phone, the columns stack: no sideways scrolling, each version's block under the other.
      await page.setViewportSize({ width: 375, height: 800 });
      const phone = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        rows: [...document.querySelectorAll('.parallel-row')].map((row) => [...row.children]
          .filter((cell) => cell.getClientRects().length > 0)
          .map((cell) => {
            const r = cell.getBoundingClientRect();
            return { left: r.left, top: r.top, bottom: r.bottom, right: r.right };
          })),
      }));
      if (phone.overflow > 0) failures.push(`${where}: ${phone.overflow} pixels of sideways scrolling at 375 pixels`);
      for (const [r, cells] of phone.rows.entries()) {
        for (let i = 1; i < cells.length; i++) {
          if (cells[i].top < cells[i - 1].bottom - 1) failures.push(`${where}: row ${r} is not stacked at 375 pixels`);
          if (cells[i].right > 375) failures.push(`${where}: row ${r} is wider than the phone`);
        }
      }
      console.log(`${where}: ${view.rows.length} rows, ${headings.map((h) => h.length).join(' | ')} headings`);
    }
  }
} finally {
  await browser.close();
}
if (translatedVersions === 0) failures.push(`dossier status gives no translated article in ${root}: the test proves nothing`);
if (views !== translatedVersions) failures.push(`${views} side-by-side readings shown from the ${translatedVersions} versions of translated articles`);
if (translatedVersions > 0 && sourceHeadings === 0) failures.push(`no translated article's source has a heading: the headings prove nothing`);
if (failures.length > 0) {
  for (const failure of failures) console.log(`FAIL ${failure}`);
  process.exit(1);
}
console.log(`side by side: ${views} readings ok`);

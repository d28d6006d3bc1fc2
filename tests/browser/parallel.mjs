// The side-by-side view in a real browser (Debian's Chromium, driven by playwright-core), on a
// built site opened from disk. From every translated article, French and English, the "read
// side by side" link leads to a view where each column holds one version (French left,
// English right, each cell with its `lang`), the columns show the same headings as the
// versions' own pages, paired headings stand on the same line, and on a 375-pixel-wide phone
// the columns stack without any sideways scrolling. On the first dossier, the Trump–Kim view
// shows the headings of content/diplomacy/trump-veut-rencontrer-kim.fr.md on the left.
//
// Usage: node tests/browser/parallel.mjs SITE_DIR
import { launch } from './chromium.mjs';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const site = process.argv[2];
if (!site) {
  console.error('usage: node tests/browser/parallel.mjs SITE_DIR');
  process.exit(2);
}
const repository = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const languages = ['fr', 'en'];

function articles(lang) {
  const dir = join(site, lang, 'articles');
  return readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());
}

// Text as compared: typography's no-break spaces and runs of spaces as one space.
const plain = (text) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

// Headings of a Markdown file (`## …` lines outside code blocks), without inline marks.
function markdownHeadings(file) {
  const body = readFileSync(file, 'utf8').split(/^\+\+\+$/m).slice(2).join('+++');
  let fenced = false;
  const headings = [];
  for (const line of body.split('\n')) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const match = !fenced && line.match(/^#{1,6}\s+(.*?)\s*(\{#[^}]*\})?\s*$/);
    if (match) headings.push(plain(match[1].replace(/[*_`]/g, '')));
  }
  return headings;
}

const browser = await launch('parallel', {
  viewport: { width: 1280, height: 900 },
});
const failures = [];
let views = 0;
try {
  const page = await browser.newPage();
  for (const lang of languages) {
    for (const slug of articles(lang)) {
      const article = 'file://' + join(site, lang, 'articles', slug, 'index.html');
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(article);
      const translated = await page.$$eval('link[rel="alternate"][hreflang]:not([hreflang="x-default"])',
        (links) => links.length > 1);
      const link = await page.$('a.parallel-link');
      if (!translated) {
        if (link) failures.push(`${lang}/${slug}: a side-by-side link on an article without translation`);
        continue;
      }
      if (!link) {
        failures.push(`${lang}/${slug}: no side-by-side link`);
        continue;
      }
      await link.click();
      await page.waitForLoadState();
      views += 1;
      const where = `${lang}/${slug} → ${page.url().replace('file://' + site, '')}`;
      if (!existsSync(fileURLToPath(page.url()))) {
        failures.push(`${where}: the view does not exist`);
        continue;
      }
      const view = await page.evaluate(() => {
        const box = (el) => {
          const r = el.getBoundingClientRect();
          return { left: r.left, top: r.top, bottom: r.bottom, right: r.right };
        };
        const columns = [...document.querySelectorAll('.parallel-columns .parallel-cell')].map((cell) => ({
          lang: cell.lang,
          href: cell.querySelector('a').href,
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
        return { pageLang: document.documentElement.lang, columns, rows, ids, fragments };
      });
      if (view.pageLang !== lang) failures.push(`${where}: the page is in ${view.pageLang}, not ${lang}`);
      const order = view.columns.map((c) => c.lang).join(' | ');
      if (order !== languages.join(' | ')) failures.push(`${where}: columns ${order}, not ${languages.join(' | ')}`);
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
      // Each column shows the headings of its version's own page, in order.
      for (const [c, column] of view.columns.entries()) {
        const own = await browser.newPage();
        await own.goto(column.href);
        const expected = await own.$$eval('.prose > :is(h1, h2, h3, h4, h5, h6)', (hs) => hs.map((h) => h.textContent));
        await own.close();
        if (JSON.stringify(expected.map(plain)) !== JSON.stringify(headings[c])) {
          failures.push(`${where}: the ${column.lang} column's headings ${JSON.stringify(headings[c])} are not its article's ${JSON.stringify(expected.map(plain))}`);
        }
      }
      if (slug === 'trump-veut-rencontrer-kim' || slug === 'trump-wants-to-meet-kim') {
        const source = markdownHeadings(join(repository, 'content/diplomacy/trump-veut-rencontrer-kim.fr.md'));
        const english = markdownHeadings(join(repository, 'content/diplomacy/trump-wants-to-meet-kim.en.md'));
        if (source.length === 0 || JSON.stringify(source) !== JSON.stringify(headings[0])) {
          failures.push(`${where}: the left column's headings ${JSON.stringify(headings[0])} are not the French article's ${JSON.stringify(source)}`);
        }
        if (JSON.stringify(english) !== JSON.stringify(headings[1])) {
          failures.push(`${where}: the right column's headings ${JSON.stringify(headings[1])} are not the English article's ${JSON.stringify(english)}`);
        }
      }
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
if (views === 0) failures.push('no side-by-side view was reached');
if (failures.length > 0) {
  for (const failure of failures) console.log(`FAIL ${failure}`);
  process.exit(1);
}
console.log(`side by side: ${views} views ok`);

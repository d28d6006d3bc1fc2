// The printable briefing, printed: each language's briefing (found from its home page) is
// printed to PDF by Debian's Chromium (`--print-to-pdf`, as a reader's "Save as PDF" would),
// then read back with pdftotext (poppler-utils). The PDF must hold the table of contents, then
// every article title, in the order of the topics, each with its number (1, 2, 3… as printed:
// the contents have no page numbers) in the contents and before its title: the order, titles
// and numbers come from the built HTML (its table of contents, checked against the article
// pages), not from this script. The site's navigation, skip link, footer, feed link and the screen-only print hint
// must not be printed: each is first found in the briefing's HTML, and one that is not found
// there is a failure, not a check left out. The site title is printed on the cover and as the
// running head of every other page (CSS paged media), each topic's name in the head of its
// pages, and each page but the cover ends with its number. An article that exists in the
// briefing's language is printed in it, never in another.
//
// Usage: node tests/browser/briefing.mjs SITE_DIR
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const site = process.argv[2] && resolve(process.argv[2]);
if (!site) {
  console.error('usage: node tests/browser/briefing.mjs SITE_DIR');
  process.exit(2);
}

const unescape = (text) => text
  .replace(/<[^>]*>/g, '')
  .replace(/&#39;/g, "'").replace(/&#x27;/g, "'").replace(/&quot;/g, '"')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
// What pdftotext gives back: compatibility forms (ligatures, no-break spaces) folded, any
// run of spaces and line breaks as one space, and case ignored (a stylesheet may capitalize).
const fold = (text) => text.normalize('NFKC').replace(/[\s\u00ad]+/g, ' ').trim().toLowerCase();

// The language homes: top-level folders with an index.html whose <html lang> is the folder.
const homes = readdirSync(site)
  .filter((name) => statSync(join(site, name)).isDirectory() && existsSync(join(site, name, 'index.html')))
  .filter((name) => readFileSync(join(site, name, 'index.html'), 'utf8').includes(`<html lang="${name}">`));
if (homes.length === 0) {
  console.error(`no language home under ${site}`);
  process.exit(2);
}

// The article pages under a language folder (`<lang>/<articles path>/<slug>/index.html`).
function articlePages(dir) {
  const found = [];
  for (const section of readdirSync(dir)) {
    if (!statSync(join(dir, section)).isDirectory()) continue;
    for (const slug of readdirSync(join(dir, section))) {
      const page = join(dir, section, slug, 'index.html');
      if (existsSync(page) && readFileSync(page, 'utf8').includes('<body class="article">')) found.push(page);
    }
  }
  return found;
}

const work = mkdtempSync(join(tmpdir(), 'dossier-briefing-'));
const failures = [];
try {
  for (const lang of homes) {
    const home = join(site, lang, 'index.html');
    const link = /<p class="briefing-link"><a href="([^"]+)"/.exec(readFileSync(home, 'utf8'));
    if (!link) {
      failures.push(`${lang}: the home does not link to the briefing`);
      continue;
    }
    const file = join(dirname(home), link[1]);
    const html = readFileSync(file, 'utf8');
    const where = `${lang} briefing (${file})`;

    // The table of contents: each topic with every article it holds; those printed under
    // another topic are marked. Under each topic the body lists the marked ones ("also in
    // this topic"), then prints the others: the order the PDF must follow comes from here.
    const start = html.indexOf('class="briefing-toc"');
    const toc = html.slice(start, html.indexOf('</nav>', start));
    const entries = [];
    const body = [];
    const topics = [];
    // An article is printed with its number (the contents have no page numbers): "3. Title".
    for (const m of toc.matchAll(/<li(?: data-number="(\d+)")?><a href="#[^"]+"[^>]*>(.*?)<\/a>(.*?)(<\/li>|$)/gm)) {
      if (m[4] !== '</li>') {
        topics.push({ name: unescape(m[2]), also: [], printed: [] });
        continue;
      }
      // The who's who closes the contents, unnumbered: it is no article.
      const annex = !m[1] && /<a href="#who"/.test(m[0]);
      if (!m[1] && !annex) failures.push(`${where}: "${unescape(m[2])}" has no number in the contents`);
      const entry = { title: annex ? unescape(m[2]) : `${m[1]}. ${unescape(m[2])}`, number: Number(m[1]), elsewhere: m[3].includes('printed-under') };
      entries.push(entry);
      topics.at(-1)?.[entry.elsewhere ? 'also' : 'printed'].push(entry.title);
    }
    const numbers = entries.filter((e) => !e.elsewhere && e.number).map((e) => e.number);
    if (numbers.some((n, i) => n !== i + 1)) failures.push(`${where}: the articles are not numbered 1 to ${numbers.length} in order: ${numbers}`);
    for (const topic of topics) body.push(...topic.also.map((t) => [t, 'listed']), ...topic.printed.map((t) => [t, 'printed']));
    const printed = entries.filter((e) => !e.elsewhere).map((e) => e.title);
    // Cross-check with the pages: every article written in this language is in it.
    const titles = new Set(entries.map((e) => e.title.replace(/^\d+\. /, '')));
    const pages = articlePages(join(site, lang));
    for (const page of pages) {
      const h1 = /<h1>(.*?)<\/h1>/s.exec(readFileSync(page, 'utf8'));
      if (!h1 || !titles.has(unescape(h1[1]))) failures.push(`${where}: ${page} is not in the contents`);
    }
    if (new Set(printed).size !== printed.length) failures.push(`${where}: an article is printed twice`);
    if (printed.length < pages.length) failures.push(`${where}: ${printed.length} articles printed for ${pages.length} pages in ${lang}`);

    // Print it.
    const pdf = join(work, `${lang}.pdf`);
    const chromium = spawnSync('/usr/bin/chromium', [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${join(work, `profile-${lang}`)}`,
      '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, 'file://' + file,
    ], { encoding: 'utf8', timeout: 120_000 });
    if (!existsSync(pdf)) {
      failures.push(`${where}: Chromium printed nothing (${chromium.error ?? chromium.stderr})`);
      continue;
    }
    const text = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    if (text.status !== 0) {
      failures.push(`${where}: pdftotext failed: ${text.stderr}`);
      continue;
    }
    const paper = fold(text.stdout);
    const pdfPages = (text.stdout.match(/\f/g) ?? []).length;

    // In its own language from cover to last page: an article that exists in this language is
    // never printed in another (the other version's title is nowhere in the PDF, but where the
    // briefing cites a source of that title, in its sources' list).
    const cited = new Set([...html.matchAll(/<cite>(.*?)<\/cite>/gs)].map((m) => unescape(m[1])));
    for (const other of homes.filter((h) => h !== lang)) {
      for (const page of articlePages(join(site, other))) {
        const source = readFileSync(page, 'utf8');
        if (!source.includes(`<link rel="alternate" hreflang="${lang}"`)) continue;
        const h1 = /<h1>(.*?)<\/h1>/s.exec(source);
        const title = h1 && unescape(h1[1]);
        if (title && !titles.has(title) && !cited.has(title) && paper.includes(fold(title))) {
          failures.push(`${where}: "${title}" (${other}) is printed, though the article exists in ${lang}`);
        }
      }
    }

    // The contents first, then each article, in order.
    let at = 0;
    const find = (title, part) => {
      const found = paper.indexOf(fold(title), at);
      if (found < 0) {
        const anywhere = paper.indexOf(fold(title));
        failures.push(`${where}: ${part}: "${title}" ${anywhere < 0 ? 'is not printed' : 'is printed out of order'}`);
        return;
      }
      at = found + fold(title).length;
    };
    for (const entry of entries) find(entry.title, 'contents');
    for (const [title, how] of body) find(title, `articles (${how})`);

    // No navigation: skip link, footer, feed link, print hint; the site title only on the cover.
    // Each is found in the HTML first: a pattern that finds nothing (or only an empty text) is a
    // failure, not a check skipped.
    const inHtml = (what, pattern) => {
      const match = pattern.exec(html);
      const text = match && unescape(match[1]);
      if (!text || !fold(text)) {
        failures.push(`${where}: no ${what} in the HTML (${pattern}): the check that it is not printed cannot run`);
        return null;
      }
      return text;
    };
    const screenOnly = [
      inHtml('skip link', /<a class="skip"[^>]*>(.*?)<\/a>/),
      inHtml('footer', /<footer class="colophon">\s*<p>(.*?)<\/p>/s),
      inHtml('feed link', /type="application\/atom\+xml">(.*?)<\/a>/),
      inHtml('print hint', /<p class="print-hint">(.*?)<\/p>/s),
    ].filter((text) => text !== null);
    for (const chrome of screenOnly) {
      if (paper.includes(fold(chrome))) failures.push(`${where}: "${chrome}" is printed`);
    }
    // The site title on the cover, then as the running head of every other page, whose foot
    // holds its number; each topic's name in the head of its pages.
    const siteTitle = inHtml('site title', /<a class="site-title"[^>]*>(.*?)<\/a>/);
    const sheets = text.stdout.split('\f').slice(0, pdfPages)
      .map((sheet) => sheet.split('\n').filter((line) => line.trim() !== ''));
    if (siteTitle !== null) {
      const times = paper.split(fold(siteTitle)).length - 1;
      if (times !== pdfPages) failures.push(`${where}: the site title is printed ${times} times on ${pdfPages} pages (the cover, then each page's head)`);
      sheets.forEach((lines, i) => {
        if (i === 0) return;
        if (!fold(lines[0] ?? '').startsWith(fold(siteTitle))) failures.push(`${where}: page ${i + 1} has no running head: "${lines[0]}"`);
        if (!(lines.at(-1) ?? '').trim().endsWith(String(i + 1))) failures.push(`${where}: page ${i + 1} does not end with its number: "${lines.at(-1)}"`);
      });
    }
    for (const topic of topics.filter((t) => t.printed.length > 0)) {
      const headed = sheets.some((lines) => fold(lines[0] ?? '').endsWith(fold(topic.name)));
      if (!headed) failures.push(`${where}: no page has "${topic.name}" in its running head`);
    }
    console.log(`${where}: ${pdfPages} PDF pages, ${topics.length} topics, ${entries.length} contents entries, ${printed.length} articles printed in order`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  for (const failure of failures) console.log(`FAIL ${failure}`);
  process.exit(1);
}
console.log('printed briefings: ok');

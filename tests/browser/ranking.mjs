// The search's ranking in a real browser (Debian's Chromium, driven by playwright-core), beyond
// "titles first": on a site this test writes itself, a word in the title ranks above a word
// that only begins a title's word, which ranks above the summary, then the text; in the text
// the word itself ranks above a longer word it begins; ties keep the newest first; an article
// that lacks one word of a query of two is left out.
//
// Usage: node tests/browser/ranking.mjs DOSSIER_BIN
import { launch } from './chromium.mjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dossier = process.argv[2];
if (!dossier) {
  console.error('usage: node tests/browser/ranking.mjs DOSSIER_BIN');
  process.exit(2);
}
const repository = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// The articles, French only, in the fixture's configuration: slug, title, summary, date, text.
// (Without a summary, lists and the search show the first paragraph: the texts' words come
// after it.)
const articles = [
  ['titre', 'La pyrite du nord', '', '2024-01-01', 'Un texte sans le mot.'],
  ['titre-prefixe', 'Les pyrites du sud', '', '2023-06-01', 'Un autre texte sans le mot.'],
  ['resume', 'Un rapport minier', 'Une note sur la pyrite.', '2022-01-01', 'Rien de plus ici.'],
  ['texte-recent', 'Un article récent', '', '2025-01-01', 'Un début.\n\nOn y parle de pyrite, une fois.'],
  ['texte-ancien', 'Un article ancien', '', '2021-01-01', 'Un début.\n\nOn y parle de pyrite et de zircon.'],
  ['texte-prefixe', 'Le plus récent', '', '2025-06-01', 'Un début.\n\nUn mot plus long : pyritement.'],
  ['sans', 'Aucun rapport', '', '2025-07-01', 'Ni l’un ni l’autre.'],
];
// What each query must find, in order, by the rules above.
const queries = [
  ['pyrite', ['titre', 'titre-prefixe', 'resume', 'texte-recent', 'texte-ancien', 'texte-prefixe']],
  ['pyrite zircon', ['texte-ancien']],
];

const root = mkdtempSync(join(tmpdir(), 'dossier-ranking-'));
const failures = [];
try {
  writeFileSync(join(root, 'config.toml'), readFileSync(join(repository, 'tests/fixtures/basic/config.toml')));
  mkdirSync(join(root, 'content', 'diplomacy'), { recursive: true });
  for (const [slug, title, summary, date, text] of articles) {
    const matter = [`title = "${title}"`, `date = ${date}`, 'topics = ["diplomacy"]'];
    if (summary) matter.push(`summary = "${summary}"`);
    writeFileSync(join(root, 'content', 'diplomacy', `${slug}.fr.md`), `+++\n${matter.join('\n')}\n+++\n\n${text}\n`);
  }
  const site = join(root, 'public');
  const build = spawnSync(dossier, ['build', '--root', root, '--output-dir', site], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`dossier build failed: ${build.stderr}`);

  const browser = await launch('ranking');
  try {
    const page = await browser.newPage();
    for (const [query, expected] of queries) {
      await page.goto('file://' + join(site, 'fr', 'recherche', 'index.html') + '?q=' + encodeURIComponent(query));
      await page.waitForSelector('#search-results li', { timeout: 5000 }).catch(() => {});
      const found = await page.$$eval('#search-results li a', (links) => links.map((a) => a.href));
      const slugs = found.map((href) => href.split('/').slice(-2, -1)[0]);
      if (JSON.stringify(slugs) !== JSON.stringify(expected)) {
        failures.push(`"${query}" ranks ${JSON.stringify(slugs)}, expected ${JSON.stringify(expected)}`);
      } else {
        console.log(`"${query}": ${slugs.join(', ')}`);
      }
    }
  } finally {
    await browser.close();
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
if (failures.length > 0) {
  for (const failure of failures) console.log(`FAIL ${failure}`);
  process.exit(1);
}
console.log('search ranking: ok');

// What the browser tests expect, read from a site's sources rather than from the pages under
// test: `dossier status --format json` for the articles (one row per translation group, each
// version's file and title), and the site root's config.toml and Markdown files, read this
// test's own way (not dossier's), for where each page is and what it says.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

// `dossier status --format json --root ROOT`, run with the executable DOSSIER_BIN: `languages`
// (codes, in the config's order) and `articles` (rows of `versions`, by code, `null` where
// one is missing). Throws, naming the command, when it fails or says nothing.
export function status(dossier, root) {
  const args = ['status', '--format', 'json', '--root', root];
  const run = spawnSync(dossier, args, { encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    throw new Error(`${dossier} ${args.join(' ')} failed: ${run.error ?? run.stderr}`);
  }
  const table = JSON.parse(run.stdout);
  if (!Array.isArray(table.languages) || !Array.isArray(table.articles) || table.articles.length === 0) {
    throw new Error(`${dossier} ${args.join(' ')} lists no article: ${run.stdout.slice(0, 200)}`);
  }
  return table;
}

// The versions of a status row that exist: [{ lang, file, title, kind }], in the languages'
// order (`kind`: `article`, or `page` for a reference page).
export function versions(row) {
  return Object.entries(row.versions).filter(([, v]) => v).map(([lang, v]) => ({ lang, file: v.file, title: v.title, kind: row.kind }));
}

// The top-level keys of config.toml and each `[languages.CODE]` table's keys, as strings
// (enough for `default_language` and `articles_path`; other values are left out).
function config(root) {
  const top = {};
  const languages = {};
  let table = top;
  for (const line of readFileSync(join(root, 'config.toml'), 'utf8').split('\n')) {
    const header = line.match(/^\s*\[([^\]]+)\]\s*(#.*)?$/);
    if (header) {
      const language = header[1].trim().match(/^languages\.([A-Za-z-]+)$/);
      table = language ? (languages[language[1]] = {}) : null;
      continue;
    }
    const pair = table && line.match(/^\s*([A-Za-z_]+)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*')/);
    if (pair) table[pair[1]] = tomlString(pair[2]);
  }
  return { top, languages };
}

// A one-line TOML string: basic ("…", escapes as JSON's) or literal ('…').
const tomlString = (text) => (text.startsWith("'") ? text.slice(1, -1) : JSON.parse(text));

// A Markdown file of the site: its front matter (TOML between `+++` lines, as text) and body.
export function readSource(root, file) {
  const text = readFileSync(join(root, file), 'utf8');
  const match = text.match(/^\+\+\+\r?\n([\s\S]*?)\r?\n\+\+\+\r?\n?([\s\S]*)$/);
  if (!match) throw new Error(`${file}: no TOML front matter between +++ lines; this test reads no other kind`);
  return { matter: match[1], body: match[2] };
}

// A string field of a front matter (`summary = "…"`), or undefined.
export function matterString(matter, key) {
  const line = matter.match(new RegExp(`^\\s*${key}\\s*=\\s*("(?:[^"\\\\]|\\\\.)*"|'[^']*')`, 'm'));
  return line ? tomlString(line[1]) : undefined;
}

// Where the page of a version is built: `SITE/<lang>/<articles_path>/<slug>/index.html`, the
// slug being the front matter's `slug` or else the file name without `.<lang>.md`.
export function pageOf(site, root, { lang, file, kind }) {
  const slug = matterString(readSource(root, file).matter, 'slug') ?? basename(file).replace(new RegExp(`\\.${lang}\\.md$`), '');
  // A reference page sits at the top of its language, an article under the articles' folder.
  if (kind === 'page') return join(site, lang, slug, 'index.html');
  const path = config(root).languages[lang]?.articles_path ?? 'articles';
  return join(site, lang, path, slug, 'index.html');
}

// The version a language shows of a row: its own, else the default language's, else the first.
export function shownVersion(root, row, lang) {
  const all = versions(row);
  const fallback = config(root).top.default_language;
  return all.find((v) => v.lang === lang) ?? all.find((v) => v.lang === fallback) ?? all[0];
}

// Text as compared: typography's no-break spaces and runs of spaces as one space.
export const plain = (text) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

// The lines of a Markdown body, each with whether it is inside a fenced code block.
function lines(body) {
  let fence = null;
  return body.split('\n').map((line) => {
    const marker = line.match(/^\s{0,3}(`{3,}|~{3,})/);
    if (marker && (!fence || (marker[1][0] === fence[0] && marker[1].length >= fence.length))) {
      fence = fence ? null : marker[1];
      return { line, code: true, fence: true };
    }
    return { line, code: fence !== null, fence: false };
  });
}

// Inline Markdown as a reader sees it: images and links by their text, footnote references,
// emphasis marks, code spans' backticks and escapes gone.
const inline = (text) => text
  .replace(/\[\^[^\]]*\]/g, '')
  .replace(/!?\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
  .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
  .replace(/<((?:https?|mailto):[^>\s]*)>/g, '$1')
  .replace(/[*_`~]/g, '')
  .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');

// The headings of a Markdown body (ATX `#` to `######` lines outside code blocks), as text.
export function markdownHeadings(body) {
  const headings = [];
  for (const { line, code } of lines(body)) {
    const match = !code && line.match(/^ {0,3}#{1,6}\s+(.*?)\s*(\{#[^}]*\})?\s*(\s#+\s*)?$/);
    if (match) headings.push(plain(inline(match[1])));
  }
  return headings;
}

// The text of a Markdown body as a reader sees it: code blocks' lines kept (not their fences),
// the Markdown marks of every other line dropped (heading ids, list and quote markers, task
// boxes, link targets and reference definitions, footnote labels, table pipes).
export function markdownText(body) {
  return lines(body).filter(({ fence }) => !fence).map(({ line, code }) => (code ? line : inline(line
    .replace(/^\s*\[[^\]^][^\]]*\]:\s*\S+.*$/, '')
    .replace(/^\s*\[\^[^\]]*\]:/, '')
    .replace(/\{#[^}]*\}\s*$/, '')
    .replace(/^\s*(?:>\s*)*(?:[-*+]|\d+[.)])?\s*(?:\[[ xX]\]\s)?/, '')
    .replace(/\|/g, ' ')))).join('\n');
}

// The `date` of a front matter (`date = 2019-08-05`, TOML's date or date-time), as YYYY-MM-DD.
export function matterDate(matter) {
  return matter.match(/^\s*date\s*=\s*["']?(\d{4}-\d{2}-\d{2})/m)?.[1];
}

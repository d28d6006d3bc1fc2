// The e-books read as a reading system reads them: each EPUB given as an argument is unzipped
// by this script's own reader (not the builder's: every entry's CRC-32 is checked, `mimetype`
// must come first and stored), its package document found through META-INF/container.xml, and
// every XHTML document of its manifest opened in Debian's Chromium as XML, in spine order, at
// an e-reader's width and a desktop's. Each document must parse as XML (no `parsererror`),
// carry the book's language in both `lang` and `xml:lang`, lead by its links only to documents
// and anchors that exist in the book (or to the web), and pass axe-core with no serious or
// critical violation.
//
// Usage: node tests/browser/epub.mjs BOOK.epub...
import { launch } from './chromium.mjs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const books = process.argv.slice(2);
if (books.length === 0) {
  console.error('usage: node tests/browser/epub.mjs BOOK.epub...');
  process.exit(2);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// The entries of a zip archive, in the central directory's order: [{ name, method, bytes }].
function unzip(archive) {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i += 1) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (archive.readUInt32LE(local) !== 0x04034b50) throw new Error(`${name}: bad local header`);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const compressed = archive.subarray(start, start + compressedSize);
    const bytes = method === 0 ? compressed : inflateRawSync(compressed);
    if (bytes.length !== size) throw new Error(`${name}: ${bytes.length} bytes, ${size} said`);
    if (crc32(bytes) !== crc) throw new Error(`${name}: CRC-32 does not match`);
    entries.push({ name, method, bytes });
  }
  return entries;
}

const attribute = (tag, name) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

const work = mkdtempSync(join(tmpdir(), 'dossier-epub-'));
const failures = [];
let documents = 0;
const browser = await launch('epub');
try {
  const page = await browser.newPage();
  for (const [n, book] of books.entries()) {
    const archive = readFileSync(book);
    const entries = unzip(archive);
    // OCF: the first file of the archive (not only of its directory) is `mimetype`, stored, its
    // text at byte 38, where readers look for it.
    if (entries[0]?.name !== 'mimetype' || entries[0].method !== 0
      || archive.toString('latin1', 30, 58) !== 'mimetypeapplication/epub+zip') {
      failures.push(`${book}: mimetype is not the first entry, stored`);
      continue;
    }
    const root = join(work, String(n));
    for (const { name, bytes } of entries) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), bytes);
    }
    const container = readFileSync(join(root, 'META-INF/container.xml'), 'utf8');
    const opfPath = attribute(/<rootfile [^>]*>/.exec(container)[0], 'full-path');
    const opf = readFileSync(join(root, opfPath), 'utf8');
    const language = /<dc:language>([^<]+)<\/dc:language>/.exec(opf)[1];
    const items = new Map([...opf.matchAll(/<item [^>]*>/g)].map(([tag]) => [attribute(tag, 'id'), tag]));
    const spine = [...opf.matchAll(/<itemref [^>]*>/g)].map(([tag]) => attribute(tag, 'idref'));
    const xhtml = spine
      .map((id) => items.get(id))
      .filter((tag) => attribute(tag, 'media-type') === 'application/xhtml+xml')
      .map((tag) => posix.join(posix.dirname(opfPath), attribute(tag, 'href')));
    const inBook = new Set(entries.map(({ name }) => name));
    for (const [width, height] of [[600, 800], [1280, 900]]) {
      await page.setViewportSize({ width, height });
      for (const path of xhtml) {
        const where = `${book} ${path} [${width}px]`;
        await page.goto(`file://${join(root, path)}`);
        const problems = [];
        const facts = await page.evaluate(() => ({
          contentType: document.contentType,
          parseError: document.getElementsByTagName('parsererror').length > 0,
          lang: document.documentElement.getAttribute('lang'),
          xmlLang: document.documentElement.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang'),
          links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
          ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
        }));
        // Opened from a `.xhtml` file, the document is XML: an HTML parser would never make one.
        if (facts.contentType !== 'application/xhtml+xml') problems.push(`opened as ${facts.contentType}, not as XHTML`);
        if (facts.parseError) problems.push('does not parse as XML');
        if (facts.lang !== language || facts.xmlLang !== language) {
          problems.push(`lang="${facts.lang}" xml:lang="${facts.xmlLang}", the book is in ${language}`);
        }
        if (width === 600) {
          for (const href of facts.links) {
            if (/^(https?|mailto):/.test(href)) continue;
            const [file, fragment] = href.split('#');
            const target = file === '' ? path : posix.join(posix.dirname(path), decodeURI(file));
            if (!inBook.has(target)) {
              problems.push(`links to ${href}, which the book does not hold`);
            } else if (fragment !== undefined) {
              // The target's ids: this document's from the DOM, another's from its attributes.
              const ids = target === path ? new Set(facts.ids)
                : new Set([...readFileSync(join(root, target), 'utf8').matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]));
              // A fragment is matched as written, then percent-decoded (as the URL standard does).
              if (![fragment, decodeURIComponent(fragment)].some((id) => ids.has(id))) problems.push(`links to ${href}, an anchor the book does not hold`);
            }
          }
        }
        await page.evaluate(axeSource);
        const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        for (const v of results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
          problems.push(`${v.id} (${v.impact}): ${v.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
        }
        if (problems.length > 0) failures.push(`${where}\n  ${problems.join('\n  ')}`);
        documents += 1;
      }
    }
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
console.log(`e-books in Chromium: ${books.length} books, ${documents / 2} XHTML documents, 2 widths (axe-core, XML, lang, links)`);
for (const failure of failures) console.log(`FAIL ${failure}`);
process.exit(failures.length === 0 ? 0 : 1);

// The live preview in a real browser: headless Chromium opens a page served by `dossier serve`,
// the test edits the files on disk, and the open page must follow by itself — a reload for an
// article edit or for a picture it shows, a stylesheet swap without reload for a CSS edit, an overlay for a broken edit
// that goes away when it is fixed. Every wait is bounded.
//
// Usage: node tests/browser/live-reload.mjs PATH/TO/dossier FIXTURE_DIR
import { launch } from './chromium.mjs';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [binary, fixture] = process.argv.slice(2);
if (!binary || !fixture) {
  console.error('usage: node tests/browser/live-reload.mjs DOSSIER_BINARY FIXTURE_DIR');
  process.exit(2);
}
const WAIT = 15000;

const work = mkdtempSync(join(tmpdir(), 'dossier-live-'));
const root = join(work, 'site');
cpSync(fixture, root, { recursive: true });
// A picture the article shows, edited later on its own.
const svg = (width) => `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="10"></svg>\n`;
mkdirSync(join(root, 'static', 'img'), { recursive: true });
writeFileSync(join(root, 'static', 'img', 'live.svg'), svg(10));
writeFileSync(join(root, 'content/cybercrime/lazarus.fr.md'),
  `${readFileSync(join(root, 'content/cybercrime/lazarus.fr.md'), 'utf8')}\n![Un point](/img/live.svg)\n`);
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const server = spawn(binary, ['serve', '--root', root, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('dossier serve did not start')), WAIT);
  server.stdout.on('data', (chunk) => {
    if (String(chunk).includes('serving ')) { clearTimeout(timer); resolve(); }
  });
  server.on('exit', (code) => reject(new Error(`dossier serve exited with ${code}`)));
});

const edit = (path, from, to) => {
  const file = join(root, path);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${path} has no ${from}`);
  writeFileSync(file, text.replace(from, to));
};
const article = 'content/cybercrime/lazarus.fr.md';
let passed = 0;
let failed = 0;
async function check(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}: ${error.message}`);
  }
}

const browser = await launch('live-reload');
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/fr/articles/lazarus/`);
  // Give the reload channel time to connect before editing.
  await page.waitForTimeout(300);

  await check('an article edit shows up in the open page', async () => {
    edit(article, 'title = "Le groupe Lazarus"', 'title = "Le groupe Lazarus, vu du navigateur"');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Le groupe Lazarus, vu du navigateur', null, { timeout: WAIT });
  });

  await check('a picture edited alone shows up in the open page', async () => {
    await page.waitForFunction(() => document.querySelector('img[alt="Un point"]')?.naturalWidth === 10, null, { timeout: WAIT });
    writeFileSync(join(root, 'static', 'img', 'live.svg'), svg(40));
    await page.waitForFunction(() => document.querySelector('img[alt="Un point"]')?.naturalWidth === 40, null, { timeout: WAIT });
  });

  await check('a stylesheet edit is applied without a reload', async () => {
    await page.waitForTimeout(300);
    await page.evaluate(() => { window.dossierMarker = 'still here'; });
    mkdirSync(join(root, 'templates'), { recursive: true });
    writeFileSync(join(root, 'templates', 'style.css'), 'h1 { color: rgb(1, 2, 3); }\n');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('h1')).color === 'rgb(1, 2, 3)', null, { timeout: WAIT });
    const marker = await page.evaluate(() => window.dossierMarker);
    if (marker !== 'still here') throw new Error('the page was reloaded');
  });

  await check('a broken edit shows the overlay, and fixing it clears it', async () => {
    edit(article, 'topics = ["cybercrime"]', 'topics = ["weather"]');
    await page.waitForSelector('#dossier-problem', { timeout: WAIT });
    const text = await page.textContent('#dossier-problem');
    if (!text.includes('content/cybercrime/lazarus.fr.md:4') || !text.includes('weather')) throw new Error(`overlay says: ${text}`);
    edit(article, 'topics = ["weather"]', 'topics = ["cybercrime"]');
    await page.waitForSelector('#dossier-problem', { state: 'detached', timeout: WAIT });
  });
} finally {
  await browser.close();
  server.kill();
  await new Promise((resolve) => (server.exitCode !== null || server.signalCode !== null ? resolve() : server.on('exit', resolve)));
  rmSync(work, { recursive: true, force: true });
}
console.log(`live reload in Chromium: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

// Accessibility check in a real browser: axe-core in Debian's Chromium, driven by
// playwright-core, over every HTML page of the built sites given as arguments, at a phone and a
// desktop width, in the light and the dark colour scheme; an article's page that holds its
// versions side by side is checked read alone and side by side (at its anchor). Fails on any
// serious or critical violation, and on a page that scrolls sideways.
//
// Usage: node tests/browser/axe.mjs SITE_DIR...
import { launch } from './chromium.mjs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

const sites = process.argv.slice(2);
if (sites.length === 0) {
  console.error('usage: node tests/browser/axe.mjs SITE_DIR...');
  process.exit(2);
}
// Pages at old addresses (`aliases`) send the browser on at once: the page they lead to is
// checked in its own right.
const isRedirect = (file) => /<meta http-equiv="refresh"/.test(readFileSync(file, 'utf8'));
const files = sites.flatMap(htmlFiles).filter((file) => !isRedirect(file)).sort();
// Each page as read: its address, then its side-by-side reading's (`#cote-a-cote`) if it has one.
const pages = files.flatMap((file) => {
  const url = 'file://' + file;
  const anchor = readFileSync(file, 'utf8').match(/<div class="prose parallel-view" id="([^"]+)"/);
  return anchor ? [url, `${url}#${anchor[1]}`] : [url];
});
const browser = await launch('axe');
let passed = 0;
let failed = 0;
try {
  const page = await browser.newPage();
  for (const [width, height] of [[1280, 900], [360, 800]]) {
    for (const scheme of ['light', 'dark']) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      for (const file of pages) {
        await page.goto(file);
        await page.evaluate(axeSource);
        const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        const problems = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) problems.push(`scrolls sideways by ${overflow}px`);
        if (problems.length === 0) {
          passed += 1;
        } else {
          failed += 1;
          console.log(`FAIL ${file} [${width}px ${scheme}]`);
          for (const problem of problems) console.log(`  ${problem}`);
        }
      }
    }
  }
} finally {
  await browser.close();
}
console.log(`axe-core: ${files.length} pages (${pages.length - files.length} also side by side), 2 widths, 2 colour schemes`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

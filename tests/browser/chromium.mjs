// Chromium as every browser test starts it: Debian's build, headless, with the flags the
// project asks for and a fresh profile folder that is removed when the browser closes (a
// test run used to leave a dozen 2 MB profiles in the temporary folder).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// A persistent context (playwright's way to pass a profile folder) named after the test;
// `options` are added to playwright's (e.g. `javaScriptEnabled: false`).
export async function launch(name, options = {}) {
  const profile = mkdtempSync(join(tmpdir(), `dossier-${name}-`));
  const remove = () => rmSync(profile, { recursive: true, force: true });
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium', headless: true, args: FLAGS, ...options,
    });
  } catch (error) {
    remove();
    throw error;
  }
  const close = context.close.bind(context);
  context.close = async () => {
    try {
      await close();
    } finally {
      remove();
    }
  };
  return context;
}

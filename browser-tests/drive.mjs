// Drives the page in headless Chromium with puppeteer-core (no browser download: Debian's chromium).
// Usage: node drive.mjs <chromium> <page url with #token=...> <screenshot.png>
// Prints the page's result as one JSON line; exits 1 when the page failed or did not finish within 120 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const [executablePath, url, screenshot] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'typed-ipc-chromium-'));
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  userDataDir: profile,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
let status = 1;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: 520 });
  page.on('console', (message) => process.stderr.write(`[page] ${message.text()}\n`));
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
  await page.goto(url);
  await page.waitForFunction(() => window.typedIpcResult !== undefined, { timeout: 120_000 }).catch(() => undefined);
  const result = await page.evaluate(() => window.typedIpcResult ?? { ok: false, lines: [], error: 'the page did not finish' });
  result.location = await page.evaluate(() => location.href);
  await page.screenshot({ path: screenshot });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  status = result.ok ? 0 : 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(status);

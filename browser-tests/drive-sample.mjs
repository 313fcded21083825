// Opens the sample's browser panel in headless Chromium with puppeteer-core (Debian's chromium; nothing downloaded)
// as a user would: the launcher file main printed, which takes the browser on to the page. Waits until the page's
// connection has closed (main stops at the end of its demo), takes a screenshot, prints the page's state as one JSON
// line, and exits 0 if the panel connected and then saw main close.
// Usage: node drive-sample.mjs <chromium> <launcher file:// URL> <screenshot.png>
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import puppeteer from 'puppeteer-core';

const WAIT_MS = 240_000;
const [executablePath, launcher, screenshot] = process.argv.slice(2);
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
  await page.setViewport({ width: 900, height: 900 });
  page.on('console', (message) => process.stderr.write(`[page] ${message.text()}\n`));
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
  // The launcher replaces itself with the page at once; that navigation may abort this one's wait.
  await page.goto(launcher).catch((error) => process.stderr.write(`[driver] ${error.message}\n`));
  let panel;
  const end = Date.now() + WAIT_MS;
  while (Date.now() < end) {
    // Polled, not waited for: an evaluation during the navigation from the launcher to the page fails; try again.
    panel = await page.evaluate(() => (location.protocol === 'http:' ? window.samplePanel : undefined)).catch(() => undefined);
    if (panel !== undefined && (panel.state === 'closed' || panel.state === 'failed')) {
      break;
    }
    await sleep(200);
  }
  const result = { ...(panel ?? { state: 'never loaded', lines: [] }), location: page.url() };
  await page.screenshot({ path: screenshot });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  status = result.state === 'closed' ? 0 : 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(status);

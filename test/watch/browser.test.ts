/**
 * `banmian watch` end to end in a real browser: Debian's Chromium, headless, driven by
 * playwright-core. The preview shows the page; an article edit refreshes it; a broken manifest
 * shows its diagnostic at file:line:col over the last good page, and the fix clears it.
 * Skipped (with a message) only where /usr/bin/chromium is missing outside CI; `.ci/run` installs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { lineOf, ROOT, sampleProject } from '../project.ts';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STEP = 20_000; // the longest any one step may take

/** Resolves with the first match of `re` in the child's output so far or to come. */
function output(child: ChildProcess, re: RegExp): Promise<RegExpMatchArray> {
  let seen = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`banmian watch printed no ${re} in ${STEP} ms; it printed:\n${seen}`)), STEP);
    const look = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = re.exec(seen);
      if (m) { clearTimeout(timer); resolve(m); }
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`banmian watch exited (${code}):\n${seen}`)); });
  });
}

/** Stops the watcher with Ctrl-C and waits for it, killing it if it does not stop in time; resolves with the signal it ended by. */
function interrupt(child: ChildProcess): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', (_, signal) => { clearTimeout(kill); resolve(signal); });
    child.kill('SIGINT');
  });
}

const pageSrc = (page: Page) => page.getAttribute('img.page[data-page="2"]', 'src');

/** Waits for page 2's picture to have loaded from a source other than `old` (the tests compile without DOM types: a string). */
const pageLoaded = (page: Page, old: string | null = null) => page.waitForFunction(`(() => {
  const img = document.querySelector('img.page[data-page="2"]');
  return !!img && img.getAttribute('src') !== ${JSON.stringify(old)} && img.complete && img.naturalWidth > 1000;
})()`);

it('the preview shows the pages, refreshes after an edit and lists a broken manifest at file:line:col', async ({ skip, onTestFinished }) => {
  skip(!existsSync(CHROMIUM) && process.env.CI !== 'true', `${CHROMIUM} is missing: apt-get install chromium to run the browser test (CI installs it)`);
  const p = sampleProject();
  const profile = mkdtempSync(join(tmpdir(), 'banmian-chromium-'));
  const server = spawn(process.execPath, [join(ROOT, 'bin/banmian.js'), 'watch', p.edition, '--port', '0'], { cwd: p.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let browser: BrowserContext | undefined;
  onTestFinished(async () => {
    await browser?.close();
    await interrupt(server);
    rmSync(profile, { recursive: true, force: true });
    rmSync(p.dir, { recursive: true, force: true });
  });

  const [, url] = await output(server, /at (http:\/\/127\.0\.0\.1:\d+\/)/);
  browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: STEP, viewport: { width: 1400, height: 1000 } });
  const page = browser.pages()[0] ?? await browser.newPage();
  page.setDefaultTimeout(STEP);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url!);

  // the page is shown once the first build is done
  await pageLoaded(page);
  await page.locator('#status.ok').waitFor();
  expect(await page.locator('#diagnostics li.error').count()).toBe(0);
  expect(await page.locator('svg .blocks rect[data-block]').count()).toBeGreaterThan(5);
  const first = await pageSrc(page);

  // an article edit: the page image is replaced
  const t0 = performance.now();
  p.edit('content/sample/finance.md', (t) => t.replace(/(\n---\n[^\u4e00-\u9fff]*)([\u4e00-\u9fff])/, (_, before: string, c: string) => before + (c === '今' ? '昨' : '今')));
  await pageLoaded(page, first);
  console.log(`banmian watch: page refreshed ${Math.round(performance.now() - t0)} ms after the article was saved`);
  const edited = await pageSrc(page);
  expect(await page.textContent('#status')).toMatch(/✓ build \d+/);

  // a broken manifest: its diagnostic at file:line:col, and the last good page stays
  const manifest = p.path('layouts/sample/p02.yaml');
  p.edit('layouts/sample/p02.yaml', (t) => t.replace(/^number:/m, 'numbr:'));
  const item = page.locator('#diagnostics li.error[data-code="UNKNOWN_KEY"]');
  await item.waitFor();
  expect(await item.locator('.loc').textContent()).toBe(`layouts/sample/p02.yaml:${lineOf(manifest, 'numbr:')}:1`);
  expect(await item.locator('.src mark').textContent()).toBe('n');
  expect(await page.textContent('#status')).toMatch(/✗ build \d+: \d+ errors? .*showing the last good pages/);
  expect(await page.isVisible('#stale')).toBe(true);
  expect(await pageSrc(page)).toBe(edited);

  // fixed: the diagnostic goes
  p.edit('layouts/sample/p02.yaml', (t) => t.replace(/^numbr:/m, 'number:'));
  await item.waitFor({ state: 'detached' });
  await page.locator('#status.ok').waitFor();
  expect(await page.isVisible('#stale')).toBe(false);
  expect(await pageSrc(page)).toBe(edited);
  expect(errors).toEqual([]);

  // Ctrl-C stops it cleanly, by the signal (as a shell expects)
  await browser.close();
  browser = undefined;
  expect(await interrupt(server)).toBe('SIGINT');
  expect(readFileSync(p.path('out/sample/p02.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
}, 60_000);

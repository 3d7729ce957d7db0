// The rendered docs open in a real headless browser (Debian's Chromium) without errors, the
// reference shows every operation and the requirements page every requirement, with its tests.
// A run stopped early or filtered is refused, in one sentence, before anything is written. The
// docs are made as npm run docs makes them, in a process of its own: a refusal ends it.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, loadDocument, loadSilences, HTTP_METHODS, type OpenApiDocument } from '../src/document/document.ts';
import { NOT_SELECTED } from '../src/run/test-records.ts';
import { runScript, scratchDir, writeJson } from './support/child-scripts.ts';

const CHROMIUM = '/usr/bin/chromium';
// Without these, Chromium keeps calling out to Google's hosts, which this network refuses.
const QUIET = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-gpu',
];

const docs = join(scratchDir(), 'docs');
let browser: Browser;
let rendered: Awaited<ReturnType<typeof runScript>>;

beforeAll(async () => {
  rendered = await runScript('scripts/docs.ts', ['--reports', join(docs, '..')]);
  expect(rendered.code).toBe(0);
  if (existsSync(CHROMIUM)) browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET });
}, 120_000);
afterAll(() => browser?.close());

/**
 * Opens a page and gathers its errors: uncaught exceptions, console errors, and anything it
 * could not load but an image. Offline, Redoc's "API docs by Redocly" badge (an image on its
 * CDN) cannot load; every script and style the page needs is inlined, so nothing else may fail.
 */
async function open(file: string) {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('requestfailed', (r) => {
    if (r.resourceType() !== 'image') errors.push(`could not load the ${r.resourceType()} ${r.url()}`);
  });
  await page.goto(pathToFileURL(join(docs, file)).href, { waitUntil: 'load' });
  return { page, errors };
}

it('says which run it renders, and where its test links lead', () => {
  expect(rendered.stdout).toMatch(/^Rendering run \S+ of \S+ against .* \(verdict pass\)\.$/m);
});

// Each starts a script of its own, which on a busy 2-core machine takes more than vitest's default 5 s.
describe('a run the docs refuse to render', { timeout: 30_000 }, () => {
  const run = { runId: 'r1', startedAt: '2025-03-14T10:00:00.000Z', target: 'the embedded reference emulator' };
  const refusal = async (results: unknown) => {
    const reports = scratchDir();
    writeJson(reports, 'conformance.json', results);
    const refused = await runScript('scripts/docs.ts', ['--reports', reports]);
    expect(refused.code).toBe(2);
    expect(readdirSync(reports), 'nothing is written').toEqual(['conformance.json']);
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };

  it('stopped before every test had run', async () => {
    const stopped = { verdict: 'fail', run: { ...run, stopped: 'stopped by SIGINT', stopReason: { signal: 'SIGINT' } }, requirements: [] };
    expect(await refusal(stopped)).toContain('is of run r1, which stopped before every test had run (stopped by SIGINT)');
  });

  it('filtered to part of the suite', async () => {
    const filtered = { verdict: 'pass', run, requirements: [{ id: 'PEER-LIST-004', result: 'not checked', why: NOT_SELECTED }] };
    expect(await refusal(filtered)).toContain('is of run r1, which ran part of the suite (PEER-LIST-004');
  });

  it('that cannot be read', async () => {
    expect(await refusal('{"verdict": ')).toContain('cannot be read');
  });
});

// Chromium and a 2.5 MB page on a busy 2-core machine take more than vitest's default 5 s.
describe('the rendered docs, in Chromium', { timeout: 60_000 }, () => {
  it('need Chromium: .ci/run installs it; elsewhere, apt-get install chromium', ({ skip }) => {
    if (!existsSync(CHROMIUM) && !process.env.CI) skip(`${CHROMIUM} is not installed: apt-get install chromium to run the browser checks`);
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing in CI: .ci/run should have installed it`).toBe(true);
  });

  it('the reference loads without errors and shows every operation', async ({ skip }) => {
    if (!browser) skip(`${CHROMIUM} is not installed`);
    const { page, errors } = await open('reference.html');
    const summaries = Object.values<OpenApiDocument>(loadDocument().paths).flatMap((item) =>
      HTTP_METHODS.filter((m) => item[m]).map((m) => item[m].summary as string),
    );
    // Redoc renders in the browser; once it has, every operation is in the page (some in
    // collapsed menus, so textContent rather than the visible text).
    await page.waitForFunction(`document.body.textContent.includes(${JSON.stringify(summaries[0])})`);
    const text = (await page.locator('body').textContent()) ?? '';
    for (const summary of summaries) expect(text).toContain(summary);
    expect(errors).toEqual([]);
  });

  it('the requirements page loads without errors, lists every requirement with the tests that check it, and every silence', async ({
    skip,
  }) => {
    if (!browser) skip(`${CHROMIUM} is not installed`);
    const { page, errors } = await open('requirements.html');
    for (const { id } of loadCatalogue()) {
      const row = page.locator(`tr#${id}`);
      expect(await row.count(), id).toBe(1);
      expect(await row.locator('a[href*=".test.ts#L"]').count(), `${id} links to a test`).toBeGreaterThan(0);
    }
    for (const { id } of loadSilences())
      expect(await page.locator(`#silences ~ table tr#${id}`).count(), `${id} is shown among what the spec leaves to you`).toBe(1);
    expect(await page.innerText('body')).toContain('verdict pass');
    expect(errors).toEqual([]);
  });
});

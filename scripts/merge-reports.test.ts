// merge-reports on real runs: two shards, each against an emulator of its own, merged, give the
// requirement results of one unsharded run of the same selection; the shards of runs against a
// broken server merge to a failing verdict; and the two, named as targets, give the matrix.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTargetFile } from '../emulator/tenants.ts';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { runScript, scratchDir, writeJson, type ConformanceOutput } from './support/child-scripts.ts';
import { runConformance } from './support/in-process.ts';
import { HAR_FILE } from '../src/http/exchange-record.ts';
import { validateHar } from '../src/reports/har-validator.ts';
import type { ConformanceReport } from '../src/reports/reports.ts';

/** Several files' worth of tests, few enough to run five times at once on CI's two cores. */
const SELECTION = ['--profile', 'quick', '--seed', '17', '--concurrency', '2', '--requirement', 'PEER-CREATE-* || PEER-LIST-*'];
/** The mutant's failing list would otherwise wait a minute for the server to settle. */
const BROKEN = ['--emulator-variant', 'status-filter-ignored', '--settle-timeout', '2'];
const TIMEOUT = 240_000;

const dir = scratchDir();
const emulators: RunningEmulator[] = [];
let good: [ConformanceOutput, ConformanceOutput];
let whole: ConformanceOutput;
let broken: [ConformanceOutput, ConformanceOutput];

/** A target file of an emulator of the run's own: leases are each run's, so runs at once share no VPC. */
async function ownTarget(name: string): Promise<string> {
  const emulator = await startEmulator();
  emulators.push(emulator);
  return writeJson(dir, `${name}.json`, toTargetFile(emulator.tenants, emulator.url));
}

beforeAll(async () => {
  const [first, second, unsharded] = await Promise.all([ownTarget('shard-1'), ownTarget('shard-2'), ownTarget('unsharded')]);
  [good, whole, broken] = await Promise.all([
    Promise.all([
      runConformance([...SELECTION, '--target', first, '--shard', '1/2']),
      runConformance([...SELECTION, '--target', second, '--shard', '2/2']),
    ]),
    runConformance([...SELECTION, '--target', unsharded]),
    Promise.all([runConformance([...SELECTION, ...BROKEN, '--shard', '1/2']), runConformance([...SELECTION, ...BROKEN, '--shard', '2/2'])]),
  ]);
}, TIMEOUT);
afterAll(async () => {
  for (const emulator of emulators) await emulator.close();
});

async function mergeReports(dirs: string[], out = join(scratchDir(), 'merged')) {
  const run = await runScript('scripts/merge-reports.ts', [...dirs, '--reports', out]);
  const report: ConformanceReport = JSON.parse(readFileSync(join(out, 'conformance.json'), 'utf8'));
  return { ...run, out, report };
}

const harEntries = (dir: string): { startedDateTime: string }[] => JSON.parse(readFileSync(join(dir, HAR_FILE), 'utf8')).log.entries;
const resultsOf = (report: ConformanceReport) => Object.fromEntries(report.requirements.map((r) => [r.id, r.result]));
const testCases = (dir: string) =>
  [...readFileSync(join(dir, 'junit.xml'), 'utf8').matchAll(/<testcase classname="([^"]+)" name="([^"]+)"/g)]
    .map(([, c, n]) => `${c} ${n}`)
    .sort();

describe('npm run merge-reports', { timeout: TIMEOUT }, () => {
  it('merges two shards, each against its own emulator, into the results of one unsharded run', async () => {
    for (const run of [...good, whole]) expect(run.code, run.stdout + run.stderr).toBe(0);
    const merged = await mergeReports(good.map((r) => r.reportsDir));
    expect(merged.code, merged.stdout + merged.stderr).toBe(0);
    expect(merged.stdout).toContain('PASS: every run that checked a requirement passed it.');
    expect(resultsOf(merged.report)).toEqual(resultsOf(whole.report()));
    // Not a comparison of nothing: each shard alone leaves passed requirements to the other.
    for (const shard of good) {
      const alone = resultsOf(shard.report());
      expect(Object.keys(alone).filter((id) => alone[id] !== 'passed' && resultsOf(merged.report)[id] === 'passed')).not.toEqual([]);
    }
    expect(testCases(merged.out)).toEqual(testCases(whole.reportsDir));
  });

  it("writes the shards' exchanges.har as one: every entry of each, in the order they started, valid HAR", async () => {
    const merged = await mergeReports(good.map((r) => r.reportsDir));
    const har = JSON.parse(readFileSync(join(merged.out, HAR_FILE), 'utf8'));
    expect(validateHar(har), JSON.stringify(validateHar.errors)).toBe(true);
    const entries = har.log.entries as { startedDateTime: string }[];
    expect(entries).toHaveLength(good.reduce((sum, r) => sum + harEntries(r.reportsDir).length, 0));
    const started = entries.map((e) => Date.parse(e.startedDateTime));
    expect(started).toEqual([...started].sort((a, b) => a - b));
  });

  it('removes a matrix and an exchanges.har it does not write, and says why a run without exchanges.har leaves none', async () => {
    const out = scratchDir();
    for (const file of ['matrix.md', 'matrix.html', HAR_FILE]) writeFileSync(join(out, file), "an earlier run's");
    const withoutHar = join(scratchDir(), 'shard-2');
    cpSync(good[1].reportsDir, withoutHar, { recursive: true });
    rmSync(join(withoutHar, HAR_FILE));
    const merged = await mergeReports([good[0].reportsDir, withoutHar], out);
    expect(merged.code, merged.stdout + merged.stderr).toBe(0);
    expect(['matrix.md', 'matrix.html', HAR_FILE].filter((file) => existsSync(join(out, file)))).toEqual([]);
    expect(merged.stdout).toContain(`No ${HAR_FILE} written: ${withoutHar} has none`);
  });

  it('merges the shards of runs against a broken server into a failing verdict, and exits 1', async () => {
    expect(broken.map((r) => r.code)).toContain(1);
    const merged = await mergeReports(broken.map((r) => r.reportsDir));
    expect(merged.code, merged.stdout + merged.stderr).toBe(1);
    expect(merged.report.verdict).toBe('fail');
    expect(resultsOf(merged.report)['PEER-LIST-004']).toBe('failed');
    expect(merged.stdout).toContain('FAIL: 1 test(s) of MUST requirements failed');
  });

  it('given both, each named as a target, writes the matrix of requirement by target, and fails by the broken one', async () => {
    const named = [...good.map((r) => `good=${r.reportsDir}`), ...broken.map((r) => `broken=${r.reportsDir}`)];
    const merged = await mergeReports(named);
    expect(merged.code, merged.stdout + merged.stderr).toBe(1);
    expect(merged.report.targets!.map((t) => [t.name, t.verdict])).toEqual([
      ['good', 'pass'],
      ['broken', 'fail'],
    ]);
    const matrix = readFileSync(join(merged.out, 'matrix.md'), 'utf8');
    expect(matrix).toContain('| PEER-LIST-004 | MUST | passed | failed | failed |');
    expect(readFileSync(join(merged.out, 'matrix.html'), 'utf8')).toContain('<th>broken</th>');
  });

  it('refuses a shard missing, naming it, with exit 2', async () => {
    const run = await runScript('scripts/merge-reports.ts', [good[0].reportsDir, '--reports', scratchDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('Shard 2/2 is missing (given: 1/2): give the reports of every shard.\n');
  });
});

// The merge on synthetic reports, made as runs make them (judge, then reportOf): the merged result
// is the one a single run of the same tests gets, a failure anywhere fails it, and shards that do
// not make one whole run are refused with a sentence naming what is wrong.
import { describe, expect, it } from 'vitest';
import type { Requirement } from '../document/document.ts';
import type { Baseline } from './baseline.ts';
import { judge } from './judgement.ts';
import type { KnownFailure } from './known-failures.ts';
import { mergeReports, MergeError, type RunReport } from './merge.ts';
import { reportOf, type RunSummary } from './reports.ts';
import type { TestRecord } from './results.ts';

const requirement = (id: string, level: Requirement['level'] = 'MUST'): Requirement => ({
  id,
  level,
  source: 'a source',
  rule: `the rule of ${id}`,
  operations: [],
  needs: 'any',
});
const catalogue = [requirement('PEER-A-001'), requirement('PEER-B-001'), requirement('PEER-C-001', 'SHOULD'), requirement('PEER-D-001')];

const test = (file: string, name: string, ids: string[], state: TestRecord['state'] = 'passed'): TestRecord => ({
  name,
  fullName: `${file} > ${name}`,
  ids,
  file,
  state,
  durationMs: 1,
  ...(state === 'failed' && { failure: `${name} failed`, blamed: ids }),
  ...(state === 'skipped' && { skipReason: 'not selected in this run (filtered by -t or --requirement)' }),
});

const A = test('a.test.ts', 'checks A', ['PEER-A-001']);
const B = test('b.test.ts', 'checks B and C', ['PEER-B-001', 'PEER-C-001']);
const D = test('d.test.ts', 'checks D', ['PEER-D-001']);

let runs = 0;
/** A run's report as the run writes it. */
function run(
  tests: TestRecord[],
  { shard, target, stopped, knownFailures, ...summary }: Partial<RunSummary> & { target?: string; knownFailures?: KnownFailure[] } = {},
): RunReport {
  runs += 1;
  const run: RunSummary = {
    runId: `run${runs}`,
    target: 'https://vpc.example.com (from ci/staging-shard-1.json)',
    kind: 'endpoint',
    startedAt: '2026-12-03T10:00:00.000Z',
    durationMs: 1000,
    seed: runs,
    profile: 'quick',
    propertyRuns: 10,
    leaks: [],
    sweptAfterStop: [],
    retries: { total: 1, byStatus: { 429: 1 } },
    traffic: { sent: 10, byRun: 2, validated: 9, unvalidated: 1, busyMs: 100, perTest: [{ sent: 10, deletes: 1 }] },
    budgets: [],
    problems: [],
    ...(shard && { shard }),
    ...(stopped && { stopped }),
    ...summary,
  };
  const judgement = judge({
    catalogue,
    tests,
    stopped,
    sharded: shard !== undefined,
    ...(knownFailures && { knownFailures }),
    day: run.startedAt.slice(0, 10),
    leaks: run.leaks,
    problems: run.problems,
  });
  return { dir: `reports-${runs}`, ...(target && { target }), report: reportOf(judgement, run) };
}

const merge = (...given: RunReport[]) => mergeReports({ runs: given, catalogue });
const results = (report: { requirements: { id: string; result: string }[] }) =>
  Object.fromEntries(report.requirements.map((r) => [r.id, r.result]));

describe('shards of one run', () => {
  it('merged, give the results and verdict of one run of the same tests', () => {
    const shards = [run([A, B], { shard: '1/2' }), run([D], { shard: '2/2' })];
    expect(results(shards[0]!.report)).toMatchObject({ 'PEER-D-001': 'skipped' });
    const merged = merge(...shards);
    expect(results(merged)).toEqual(results(run([A, B, D]).report));
    expect(merged.verdict).toBe('pass');
  });

  it('a requirement no shard checks is not covered, and a MUST one fails the merge', () => {
    const merged = merge(run([A], { shard: '1/2' }), run([B], { shard: '2/2' }));
    expect(results(merged)['PEER-D-001']).toBe('not covered');
    expect(merged.verdict).toBe('fail');
    expect(merged.reasons).toEqual(['1 MUST requirement(s) have no test: PEER-D-001']);
  });

  it('a failed shard fails the merge', () => {
    const merged = merge(run([A, B], { shard: '1/2' }), run([test('d.test.ts', 'checks D', ['PEER-D-001'], 'failed')], { shard: '2/2' }));
    expect(results(merged)['PEER-D-001']).toBe('failed');
    expect(merged.verdict).toBe('fail');
  });

  it('a requirement passed in one shard and failed in another fails', () => {
    const failsA = test('e.test.ts', 'checks A again', ['PEER-A-001'], 'failed');
    const merged = merge(run([A, B], { shard: '1/2' }), run([D, failsA], { shard: '2/2' }));
    expect(results(merged)['PEER-A-001']).toBe('failed');
    expect(merged.reasons).toEqual(['1 test(s) of MUST requirements failed']);
  });

  it('counts each test once, though a report lists it under every requirement it checks', () => {
    const failsBoth = test('b.test.ts', 'checks B and A', ['PEER-A-001', 'PEER-B-001'], 'failed');
    const merged = merge(run([failsBoth], { shard: '1/2' }), run([D], { shard: '2/2' }));
    expect(merged.reasons).toContain('1 test(s) of MUST requirements failed');
  });

  it("sums the runs' summaries: ids joined, the earliest start to the latest end, traffic and retries added, each run listed", () => {
    const { run: summary } = merge(
      run([A, B], { shard: '1/2', startedAt: '2026-12-03T10:00:05.000Z', durationMs: 10_000 }),
      run([D], { shard: '2/2', startedAt: '2026-12-03T10:00:00.000Z', durationMs: 3_000 }),
    );
    expect(summary).toMatchObject({
      runId: `run${runs - 1}+run${runs}`,
      startedAt: '2026-12-03T10:00:00.000Z',
      durationMs: 15_000,
      retries: { total: 2, byStatus: { 429: 2 } },
      traffic: { sent: 20, byRun: 4, validated: 18, unvalidated: 2, busyMs: 200, perTest: [{ sent: 10, deletes: 1 }, { sent: 10, deletes: 1 }] },
    });
    expect(summary.shard).toBeUndefined();
    expect(summary.merged).toEqual([
      { runId: `run${runs - 1}`, target: expect.any(String), shard: '1/2', seed: runs - 1, dir: `reports-${runs - 1}` },
      { runId: `run${runs}`, target: expect.any(String), shard: '2/2', seed: runs, dir: `reports-${runs}` },
    ]);
  });

  it("a shard's leak, problem or stop fails the merge, naming the shard's directory", () => {
    const leak = { event: 'created', id: 'p-1', role: 'requester', name: 'cf-x', test: 'checks D' } as RunSummary['leaks'][number];
    const leaked = run([D], { shard: '2/2', leaks: [leak], problems: ['the sweep ran out of time'] });
    const merged = merge(run([A, B], { shard: '1/2' }), leaked);
    expect(merged.run.leaks).toEqual([leak]);
    expect(merged.reasons).toEqual([expect.stringContaining('p-1 (checks D)'), `${leaked.dir}: the sweep ran out of time`]);

    const stopped = run([A], { shard: '1/2', stopped: 'stopped by SIGTERM' });
    const afterStop = merge(stopped, run([D], { shard: '2/2' }));
    expect(afterStop.reasons).toEqual([`${stopped.dir}: stopped by SIGTERM, before every test had run`]);
    expect(results(afterStop)['PEER-B-001']).toBe('skipped');
  });

  it("judges the shards' known-failure entries again, each once, on the merged results", () => {
    const entry = { requirement: 'PEER-D-001', reason: 'a staging bug', tracker: 'https://tracker.example.com/1', expires: '2026-12-31' };
    const failsD = test('d.test.ts', 'checks D', ['PEER-D-001'], 'failed');
    const merged = merge(run([A, B], { shard: '1/2', knownFailures: [entry] }), run([failsD], { shard: '2/2', knownFailures: [entry] }));
    expect(merged.knownFailures).toEqual([{ ...entry, status: 'known' }]);
    expect(results(merged)['PEER-D-001']).toBe('known failure');
    expect(merged.verdict).toBe('pass');

    const expired = { ...entry, expires: '2026-12-01' };
    const late = merge(run([A, B], { shard: '1/2', knownFailures: [expired] }), run([failsD], { shard: '2/2', knownFailures: [expired] }));
    expect(late.verdict).toBe('fail');
  });

  it("lists what changed since a baseline, as a run's report does", () => {
    const baseline: Baseline = {
      file: 'old.json',
      runId: 'old',
      startedAt: '2026-12-01T00:00:00Z',
      results: new Map([
        ['PEER-A-001', 'passed'],
        ['PEER-D-001', 'failed'],
      ]),
    };
    const failsA = test('a.test.ts', 'checks A', ['PEER-A-001'], 'failed');
    const merged = mergeReports({ runs: [run([failsA, B], { shard: '1/2' }), run([D], { shard: '2/2' })], catalogue, baseline });
    expect(merged.changes).toMatchObject({ newlyFailing: ['PEER-A-001'], newlyPassing: ['PEER-D-001'] });
  });
});

describe('runs that cannot be merged are refused with a sentence saying why', () => {
  const refusal = (...given: RunReport[]) => {
    try {
      merge(...given);
    } catch (error) {
      if (error instanceof MergeError) return error.message;
      throw error;
    }
    return 'merged';
  };

  it('a missing shard, named', () => {
    expect(refusal(run([A], { shard: '1/3' }), run([D], { shard: '3/3' }))).toBe(
      'Shard 2/3 is missing (given: 1/3, 3/3): give the reports of every shard.',
    );
    expect(refusal(run([A], { shard: '1/3' }))).toMatch(/^Shard 2\/3, 3\/3 are missing/);
  });

  it('a shard given twice, shards of different splits, and a whole run with a shard', () => {
    expect(refusal(run([A], { shard: '1/2' }), run([A], { shard: '1/2' }), run([D], { shard: '2/2' }))).toMatch(
      /^reports-\d+ and reports-\d+ are both shard 1\/2/,
    );
    expect(refusal(run([A], { shard: '1/2' }), run([D], { shard: '2/3' }))).toMatch(/shard 1\/2 and reports-\d+ shard 2\/3/);
    expect(refusal(run([A, B, D]), run([D], { shard: '2/2' }))).toMatch(/ran the whole suite, so reports-\d+ \(shard 2\/2\) overlaps it/);
  });

  it('two whole runs of unnamed targets, with the hint to name them', () => {
    expect(refusal(run([A, B, D]), run([A, B, D]))).toMatch(/\(the whole suite too\) overlaps it.*name each run's target \(NAME=DIR\)/);
  });

  it('named and unnamed runs mixed', () => {
    expect(refusal(run([A, B, D], { target: 'eu' }), run([A, B, D]))).toMatch(/names no target while reports-\d+ does \(eu=\)/);
  });

  it('a run of another version of the catalogue', () => {
    const older = run([A, B, D]);
    older.report.requirements = older.report.requirements.map((r) => (r.id === 'PEER-C-001' ? { ...r, level: 'MUST' } : r));
    expect(refusal(older)).toMatch(/^reports-\d+ was made by another version of the suite: .* in PEER-C-001;/);
  });
});

describe('runs against several targets', () => {
  const failsD = test('d.test.ts', 'checks D', ['PEER-D-001'], 'failed');

  it("give each target's results and verdict, and one result per requirement over all of them", () => {
    const merged = merge(
      run([A, B], { target: 'eu', shard: '1/2' }),
      run([D], { target: 'eu', shard: '2/2' }),
      run([A, test('b.test.ts', 'checks B and C', ['PEER-B-001', 'PEER-C-001'], 'skipped'), failsD], { target: 'us' }),
    );
    expect(merged.targets).toEqual([
      { name: 'eu', verdict: 'pass', reasons: [], results: { 'PEER-A-001': 'passed', 'PEER-B-001': 'passed', 'PEER-C-001': 'passed', 'PEER-D-001': 'passed' } },
      {
        name: 'us',
        verdict: 'fail',
        reasons: ['1 test(s) of MUST requirements failed'],
        results: { 'PEER-A-001': 'passed', 'PEER-B-001': 'skipped', 'PEER-C-001': 'skipped', 'PEER-D-001': 'failed' },
      },
    ]);
    // Passed on every target that checked it; failed where any failed.
    expect(results(merged)).toEqual({ 'PEER-A-001': 'passed', 'PEER-B-001': 'passed', 'PEER-C-001': 'passed', 'PEER-D-001': 'failed' });
    expect(merged.verdict).toBe('fail');
    expect(merged.reasons).toEqual(['us: 1 test(s) of MUST requirements failed']);
  });

  it("a known failure listed for one target does not excuse another target's", () => {
    const entry = { requirement: 'PEER-D-001', reason: 'a staging bug', tracker: 'https://tracker.example.com/1', expires: '2026-12-31' };
    const merged = merge(run([A, B, failsD], { target: 'eu', knownFailures: [entry] }), run([A, B, failsD], { target: 'us' }));
    expect(merged.targets!.map((t) => t.verdict)).toEqual(['pass', 'fail']);
    expect(merged.verdict).toBe('fail');
  });

  it('one named target merges like unnamed shards, with no matrix', () => {
    const merged = merge(run([A, B], { target: 'eu', shard: '1/2' }), run([D], { target: 'eu', shard: '2/2' }));
    expect(merged.targets).toBeUndefined();
    expect(merged.verdict).toBe('pass');
  });
});

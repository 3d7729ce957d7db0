// The merge on synthetic reports, made as runs make them (judge, then reportOf): the merged result
// is the one a single run of the same tests gets, a failure anywhere fails it, and shards that do
// not make one whole run are refused with a sentence naming what is wrong.
import { describe, expect, it } from 'vitest';
import type { Requirement } from '../document/document.ts';
import type { Baseline } from '../verdict/baseline.ts';
import { judge } from '../verdict/judgement.ts';
import type { KnownFailure } from '../verdict/known-failures.ts';
import { mergeReports, MergeError, type RunReport } from './merge.ts';
import { reportOf, type ReportedRun } from './reports.ts';
import type { TestRecord } from '../run/test-records.ts';

const requirement = (id: string, level: Requirement['level'] = 'MUST'): Requirement => ({
  id,
  level,
  source: 'a source',
  rule: `the rule of ${id}`,
  operations: [],
  needs: 'any',
});
const catalogue = [requirement('PEER-A-001'), requirement('PEER-B-001'), requirement('PEER-C-001', 'SHOULD'), requirement('PEER-D-001')];

const test = (file: string, name: string, ids: string[], state: TestRecord['state'] = 'passed', line?: number): TestRecord => ({
  name,
  fullName: `${file} > ${name}`,
  ids,
  file,
  ...(line && { line }),
  state,
  durationMs: 1,
  ...(state !== 'skipped' && { checks: Object.fromEntries(ids.map((id) => [id, 1])) }),
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
  { shard, target, stopped, knownFailures, ...summary }: Partial<ReportedRun> & { target?: string; knownFailures?: KnownFailure[] } = {},
): RunReport {
  runs += 1;
  const run: ReportedRun = {
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
    expect(results(shards[0]!.report)).toMatchObject({ 'PEER-D-001': 'not checked' });
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
    const leak = { event: 'created', id: 'p-1', role: 'requester', name: 'cf-x', test: 'checks D' } as ReportedRun['leaks'][number];
    const leaked = run([D], { shard: '2/2', leaks: [leak], problems: ['the sweep ran out of time'] });
    const merged = merge(run([A, B], { shard: '1/2' }), leaked);
    expect(merged.run.leaks).toEqual([leak]);
    expect(merged.reasons).toEqual([expect.stringContaining('p-1 (checks D)'), `${leaked.dir}: the sweep ran out of time`]);

    const stopped = run([A], { shard: '1/2', stopped: 'stopped by SIGTERM' });
    const afterStop = merge(stopped, run([D], { shard: '2/2' }));
    expect(afterStop.reasons).toEqual([`${stopped.dir}: stopped by SIGTERM, before every test had run`]);
    expect(results(afterStop)['PEER-B-001']).toBe('not checked');
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

  it("judges the entries' expiry on the latest shard's first day: a shard re-run the next day fails as it did alone", () => {
    const entry = { requirement: 'PEER-D-001', reason: 'a staging bug', tracker: 'https://tracker.example.com/1', expires: '2026-12-31' };
    const failsD = test('d.test.ts', 'checks D', ['PEER-D-001'], 'failed');
    const rerun = run([failsD], { shard: '2/2', knownFailures: [entry], startedAt: '2027-01-01T08:00:00.000Z' });
    expect(rerun.report.verdict).toBe('fail');
    const merged = merge(run([A, B], { shard: '1/2', knownFailures: [entry], startedAt: '2026-12-31T23:00:00.000Z' }), rerun);
    expect(merged.knownFailures).toEqual([{ ...entry, status: 'expired' }]);
    expect(merged.verdict).toBe('fail');
  });

  it('counts two tests of one name in one file as two: the failed one fails the merge', () => {
    const failsA = test('a.test.ts', 'checks A', ['PEER-A-001'], 'failed', 10);
    const passesA = test('a.test.ts', 'checks A', ['PEER-A-001'], 'passed', 20);
    const merged = merge(run([failsA, passesA, B], { shard: '1/2' }), run([D], { shard: '2/2' }));
    expect(results(merged)['PEER-A-001']).toBe('failed');
    expect(merged.verdict).toBe('fail');
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
  /** The refusal merge-reports exits 2 with, its sentence matching `sentence`. */
  const expectRefusal = (given: RunReport[], sentence: RegExp) => {
    expect(() => merge(...given)).toThrow(MergeError);
    expect(() => merge(...given)).toThrow(sentence);
  };

  it('a missing shard, named', () => {
    expectRefusal([run([A], { shard: '1/3' }), run([D], { shard: '3/3' })], /^Shard 2\/3 is missing \(given: 1\/3, 3\/3\): give the reports of every shard\.$/);
    expectRefusal([run([A], { shard: '1/3' })], /^Shard 2\/3, 3\/3 are missing/);
  });

  it('a shard given twice, shards of different splits, and a whole run with a shard', () => {
    expectRefusal([run([A], { shard: '1/2' }), run([A], { shard: '1/2' }), run([D], { shard: '2/2' })], /^reports-\d+ and reports-\d+ are both shard 1\/2/);
    expectRefusal([run([A], { shard: '1/2' }), run([D], { shard: '2/3' })], /shard 1\/2 and reports-\d+ shard 2\/3/);
    expectRefusal([run([A, B, D]), run([D], { shard: '2/2' })], /ran the whole suite, so reports-\d+ \(shard 2\/2\) overlaps it/);
  });

  it('two whole runs of unnamed targets, with the hint to name them', () => {
    expectRefusal([run([A, B, D]), run([A, B, D])], /\(the whole suite too\) overlaps it.*name each run's target \(NAME=DIR\)/);
  });

  it('named and unnamed runs mixed', () => {
    expectRefusal([run([A, B, D], { target: 'eu' }), run([A, B, D])], /names no target while reports-\d+ does \(eu=\)/);
  });

  it("shards of one target given different known failures: one shard's entry would excuse another's failure", () => {
    const entry = { requirement: 'PEER-D-001', reason: 'a staging bug', tracker: 'https://tracker.example.com/1', expires: '2026-12-31' };
    const given = run([A, B], { shard: '1/2', knownFailures: [entry] });
    const notGiven = run([D], { shard: '2/2' });
    expectRefusal([given, notGiven], new RegExp(`^${given.dir} and ${notGiven.dir} were given different known failures: `));
    expectRefusal([given, run([D], { shard: '2/2', knownFailures: [{ ...entry, expires: '2027-01-31' }] })], /different known failures/);
    // The same entries, in another order, merge.
    const other = { ...entry, requirement: 'PEER-A-001' };
    expect(merge(run([A, B], { shard: '1/2', knownFailures: [entry, other] }), run([D], { shard: '2/2', knownFailures: [other, entry] })).verdict).toBe('pass');
  });

  it('a run of another version of the catalogue', () => {
    const older = run([A, B, D]);
    older.report.requirements = older.report.requirements.map((r) => (r.id === 'PEER-C-001' ? { ...r, level: 'MUST' } : r));
    expectRefusal([older], /^reports-\d+ was made by another version of the suite: .* in PEER-C-001;/);
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
        results: { 'PEER-A-001': 'passed', 'PEER-B-001': 'not checked', 'PEER-C-001': 'not checked', 'PEER-D-001': 'failed' },
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
    expect(merged.targets!.map((t) => t.results['PEER-D-001'])).toEqual(['known failure', 'failed']);
    expect(merged.verdict).toBe('fail');
    expect(results(merged)['PEER-D-001']).toBe('failed');
    expect(merged.requirements.find((r) => r.id === 'PEER-D-001')!.why).toBe('us: checks D');
    expect(merged.knownFailures).toEqual([{ ...entry, status: 'known', target: 'eu' }]);
  });

  it("judges the changes since a baseline on the results over every target, each target's entries its own", () => {
    const entry = { requirement: 'PEER-D-001', reason: 'a staging bug', tracker: 'https://tracker.example.com/1', expires: '2026-12-31' };
    const baseline: Baseline = { file: 'old.json', runId: 'old', startedAt: '2026-12-01T00:00:00Z', results: new Map([['PEER-D-001', 'passed']]) };
    const given = [run([A, B, failsD], { target: 'eu', knownFailures: [entry] }), run([A, B, failsD], { target: 'us' })];
    expect(mergeReports({ runs: given, catalogue, baseline }).changes).toMatchObject({ newlyFailing: ['PEER-D-001'], newlyPassing: [] });
  });

  it('a result over every target: failed if any failed, else a known failure if any, else passed if any, else not checked unless none covers it', () => {
    const entry = { requirement: 'PEER-D-001', reason: 'a staging bug', tracker: 'https://tracker.example.com/1', expires: '2026-12-31' };
    const skippedB = test('b.test.ts', 'checks B and C', ['PEER-B-001', 'PEER-C-001'], 'skipped');
    const merged = merge(
      // eu: A passed, B and C skipped, D a known failure.
      run([A, skippedB, failsD], { target: 'eu', knownFailures: [entry] }),
      // us: A skipped, B and C not covered (no test of its run names them), D passed.
      run([test('a.test.ts', 'checks A', ['PEER-A-001'], 'skipped'), D], { target: 'us' }),
    );
    expect(merged.targets!.map((t) => t.results)).toEqual([
      { 'PEER-A-001': 'passed', 'PEER-B-001': 'not checked', 'PEER-C-001': 'not checked', 'PEER-D-001': 'known failure' },
      { 'PEER-A-001': 'not checked', 'PEER-B-001': 'not covered', 'PEER-C-001': 'not covered', 'PEER-D-001': 'passed' },
    ]);
    expect(results(merged)).toEqual({ 'PEER-A-001': 'passed', 'PEER-B-001': 'not checked', 'PEER-C-001': 'not checked', 'PEER-D-001': 'known failure' });
    expect(merged.requirements.find((r) => r.id === 'PEER-D-001')).toMatchObject({ knownFailures: [entry], why: 'eu: known: a staging bug (https://tracker.example.com/1)' });

    const neither = merge(run([A, D], { target: 'eu' }), run([A, D], { target: 'us' }));
    expect(results(neither)['PEER-B-001']).toBe('not covered');
  });

  it('one named target merges like unnamed shards, with no matrix', () => {
    const merged = merge(run([A, B], { target: 'eu', shard: '1/2' }), run([D], { target: 'eu', shard: '2/2' }));
    expect(merged.targets).toBeUndefined();
    expect(merged.verdict).toBe('pass');
  });
});

// The verdict from test results: known failures cover what they name until their date, a MUST
// failure no entry covers fails the run, and a baseline lists exactly what changed.
import { describe, expect, it } from 'vitest';
import type { Requirement } from '../document/document.ts';
import { changesSince, type Baseline } from './baseline.ts';
import { judge, NOT_IN_SHARD, warnings, type JudgementInput } from './judgement.ts';
import type { KnownFailure } from './known-failures.ts';
import type { TestRecord } from '../run/test-records.ts';

const requirement = (id: string, level: Requirement['level'] = 'MUST') =>
  ({ id, level, rule: `rule of ${id}`, source: 'a page' }) as Requirement;
const catalogue = [requirement('PEER-LIST-004'), requirement('PEER-LIST-006'), requirement('PEER-LIST-009', 'SHOULD')];

function record(name: string, ids: string[], state: TestRecord['state'] = 'passed', blamed = ids): TestRecord {
  return {
    name,
    fullName: `list > ${name}`,
    ids,
    file: 'tests/contract/list.test.ts',
    state,
    durationMs: 1,
    ...(state !== 'skipped' && { checks: Object.fromEntries(ids.map((id) => [id, 2])) }),
    ...(state === 'failed' && { failure: 'it failed', blamed }),
  };
}

const passing = [record('filters', ['PEER-LIST-004']), record('limits', ['PEER-LIST-006']), record('hints', ['PEER-LIST-009'])];
const filterFails = [record('filters', ['PEER-LIST-004'], 'failed'), ...passing.slice(1)];
const entry = (over: Partial<KnownFailure> = {}): KnownFailure => ({
  requirement: 'PEER-LIST-004',
  reason: 'the status filter is ignored on staging',
  tracker: 'https://tracker.example.com/VPC-123',
  expires: '2027-01-31',
  ...over,
});
const run = (tests: TestRecord[], over: Partial<JudgementInput> = {}) => judge({ catalogue, tests, day: '2026-12-03', leaks: [], ...over });
const resultOf = (judged: ReturnType<typeof judge>, id: string) => judged.requirements.find((r) => r.id === id)?.result;

describe('judge', () => {
  it('fails a run on a MUST failure, and passes it on the same failure while a live entry covers it', () => {
    expect(run(filterFails).reasons).toEqual(['1 test(s) of MUST requirements failed']);
    const known = run(filterFails, { knownFailures: [entry()] });
    expect(known.reasons).toEqual([]);
    expect(resultOf(known, 'PEER-LIST-004')).toBe('known failure');
    expect(known.requirements[0]!.knownFailures).toEqual([entry()]);
    expect(known.knownFailures.map((k) => k.status)).toEqual(['known']);
  });

  it('covers a failure by the test it names, by title or by its full name', () => {
    for (const test of ['filters', 'list > filters']) {
      const known = run(filterFails, { knownFailures: [entry({ requirement: undefined, test })] });
      expect(known.reasons, test).toEqual([]);
      expect(known.knownFailures[0]!.status).toBe('known');
    }
    expect(run(filterFails, { knownFailures: [entry({ requirement: undefined, test: 'sorts' })] }).reasons).not.toEqual([]);
  });

  it('fails the run again, saying so, once the entry has expired', () => {
    const expired = run(filterFails, { knownFailures: [entry({ expires: '2026-12-02' })] });
    expect(resultOf(expired, 'PEER-LIST-004')).toBe('failed');
    expect(expired.reasons).toEqual([
      '1 test(s) of MUST requirements failed',
      'the known failure of PEER-LIST-004 expired on 2026-12-02 and it still fails (https://tracker.example.com/VPC-123): fix it, or extend the entry',
    ]);
    expect(run(filterFails, { knownFailures: [entry({ expires: '2026-12-03' })] }).reasons, 'the last day still holds').toEqual([]);
  });

  it('takes an expired entry beside a later one for the same failure as extended: the old one reads replaced', () => {
    for (const later of [entry({ expires: '2027-06-30' }), entry({ requirement: undefined, test: 'filters' })]) {
      const extended = run(filterFails, { knownFailures: [entry({ expires: '2026-12-02' }), later] });
      expect(extended.reasons).toEqual([]);
      expect(extended.knownFailures.map((k) => k.status)).toEqual(['replaced', 'known']);
    }
  });

  it('reports an entry whose failure is gone as fixed, expired or not, and one not run as not checked', () => {
    expect(run(passing, { knownFailures: [entry(), entry({ expires: '2020-01-01' })] }).knownFailures.map((k) => k.status)).toEqual([
      'fixed',
      'fixed',
    ]);
    expect(run(passing, { knownFailures: [entry()] }).reasons).toEqual([]);
    const unselected = [{ ...passing[0]!, state: 'skipped' as const, skipReason: 'not selected' }, ...passing.slice(1)];
    expect(run(unselected, { knownFailures: [entry()] }).knownFailures[0]!.status).toBe('not checked');
  });

  it('covers only the requirements an entry names: a test failing on two is still a failure of the other', () => {
    const both = [record('filters and limits', ['PEER-LIST-004', 'PEER-LIST-006'], 'failed')];
    const judged = run(both, { knownFailures: [entry()] });
    expect(resultOf(judged, 'PEER-LIST-004')).toBe('known failure');
    expect(resultOf(judged, 'PEER-LIST-006')).toBe('failed');
    expect(judged.reasons).toContain('1 test(s) of MUST requirements failed');
  });

  it('warns of a SHOULD failure without failing the run, and not once an entry covers it', () => {
    const hintFails = [...passing.slice(0, 2), record('hints', ['PEER-LIST-009'], 'failed')];
    expect(run(hintFails).reasons).toEqual([]);
    expect(warnings(run(hintFails)).map((t) => t.name)).toEqual(['hints']);
    expect(warnings(run(hintFails, { knownFailures: [entry({ requirement: 'PEER-LIST-009' })] }))).toEqual([]);
  });

  it("reports a requirement no test names as not covered, and in a shard as another shard's", () => {
    const withoutLimits = [passing[0]!, passing[2]!];
    expect(resultOf(run(withoutLimits), 'PEER-LIST-006')).toBe('not covered');
    expect(run(withoutLimits).reasons).toEqual(['1 MUST requirement(s) have no test: PEER-LIST-006']);
    const shard = run(withoutLimits, { sharded: true });
    expect(shard.requirements.find((r) => r.id === 'PEER-LIST-006')).toMatchObject({ result: 'not checked', why: NOT_IN_SHARD });
    expect(shard.reasons).toEqual([]);
  });
});

describe('changesSince', () => {
  const baseline = (results: Record<string, string>): Baseline => ({
    file: 'before.json',
    runId: 'abcd1234',
    startedAt: '2026-12-02T10:00:00.000Z',
    results: new Map(Object.entries(results)) as Baseline['results'],
  });

  it('lists exactly the requirements that newly fail and newly pass', () => {
    const now = run([record('filters', ['PEER-LIST-004'], 'failed'), record('limits', ['PEER-LIST-006'])]).requirements;
    const before = { 'PEER-LIST-004': 'passed', 'PEER-LIST-006': 'failed', 'PEER-LIST-009': 'passed' };
    expect(changesSince(baseline(before), now)).toMatchObject({ newlyFailing: ['PEER-LIST-004'], newlyPassing: ['PEER-LIST-006'] });
    expect(changesSince(baseline({ 'PEER-LIST-004': 'failed', 'PEER-LIST-006': 'passed' }), now)).toMatchObject({
      newlyFailing: [],
      newlyPassing: [],
    });
  });

  it('counts a known failure as failing: covering a failure is not fixing it', () => {
    const now = run(filterFails, { knownFailures: [entry()] }).requirements;
    expect(changesSince(baseline({ 'PEER-LIST-004': 'passed' }), now).newlyFailing).toEqual(['PEER-LIST-004']);
    expect(changesSince(baseline({ 'PEER-LIST-004': 'failed' }), now).newlyFailing).toEqual([]);
  });

  it('compares nothing a run did not check', () => {
    const now = run([passing[0]!]).requirements;
    expect(changesSince(baseline({ 'PEER-LIST-006': 'failed', 'PEER-LIST-004': 'not checked' }), now)).toMatchObject({
      newlyFailing: [],
      newlyPassing: [],
    });
  });
});

describe('evidence', () => {
  const isolation = requirement('PEER-LIST-003');
  const judgeOf = (tests: TestRecord[], over: Partial<JudgementInput> = {}) =>
    judge({ catalogue: [...catalogue, isolation], tests, day: '2026-12-03', leaks: [], ...over });
  const outcomeOf = (judged: ReturnType<typeof judge>, id: string) => judged.requirements.find((r) => r.id === id)!;

  it('fails a MUST that a failure blames, though the test that found it is tagged only with a SHOULD', () => {
    const judged = run([...passing.slice(0, 2), record('hints', ['PEER-LIST-009'], 'failed', ['PEER-LIST-004'])]);
    expect(resultOf(judged, 'PEER-LIST-004')).toBe('failed');
    expect(outcomeOf(judged, 'PEER-LIST-004').tests.map((t) => t.name)).toEqual(['filters', 'hints']);
    expect(judged.reasons).toEqual(['1 test(s) of MUST requirements failed']);
    expect(warnings(judged)).toEqual([]);
  });

  it('does not pass a requirement one of whose tests was skipped, though another of its tests passed', () => {
    const lifecycle = record('lifecycle', ['PEER-LIST-003', 'PEER-LIST-004']);
    const skipped = { ...record('outsider', ['PEER-LIST-003'], 'skipped'), skipReason: 'endpoint target names no outsider tenant' };
    const judged = judgeOf([...passing, lifecycle, skipped]);
    expect(outcomeOf(judged, 'PEER-LIST-003')).toMatchObject({ result: 'not checked', why: expect.stringContaining('names no outsider') });
    expect(judged.reasons).toEqual(['1 MUST requirement(s) not checked: PEER-LIST-003']);
  });

  it('leaves the requirements of a property that completed fewer cases than its minimum not checked', () => {
    const cut = { ...record('filters', ['PEER-LIST-004']), property: { completed: 1, of: 50, minimum: 10, budgetMs: 60_000 } };
    const judged = run([cut, ...passing.slice(1)]);
    expect(outcomeOf(judged, 'PEER-LIST-004')).toMatchObject({
      result: 'not checked',
      why: expect.stringContaining('completed 1 case(s)'),
    });
    expect(judged.reasons).toEqual(['1 MUST requirement(s) not checked: PEER-LIST-004']);
  });

  it('passes a property cut by its budget past its minimum, saying so per requirement', () => {
    const cut = {
      ...record('filters', ['PEER-LIST-004']),
      property: { completed: 12, of: 50, minimum: 10, budgetMs: 60_000, cutShortBy: 'budget' as const },
    };
    const judged = run([cut, ...passing.slice(1)]);
    expect(outcomeOf(judged, 'PEER-LIST-004')).toMatchObject({ result: 'passed', budgetStops: ['"filters": 12 of 50 cases within 60 s'] });
    expect(judged.reasons).toEqual([]);
  });

  it('counts the checks each requirement rests on, and passes none on no check at all', () => {
    const judged = run([{ ...passing[0]!, checks: {} }, ...passing.slice(1)]);
    expect(outcomeOf(judged, 'PEER-LIST-004')).toMatchObject({ result: 'not checked', checks: 0 });
    expect(outcomeOf(judged, 'PEER-LIST-006')).toMatchObject({ result: 'passed', checks: 2 });
  });

  it("blames the suite's own trouble on the suite: the requirement is not checked and the run errs, naming it", () => {
    const trouble = 'waited 105 s for a free same-project VPC pair; all 3 stayed leased';
    const judged = run([
      { ...record('filters', ['PEER-LIST-004'], 'failed', []), notRun: { by: 'suite', why: trouble } },
      ...passing.slice(1),
    ]);
    expect(outcomeOf(judged, 'PEER-LIST-004')).toMatchObject({ result: 'not checked', why: expect.stringContaining(trouble) });
    expect(judged.reasons).toEqual([
      `the suite's own trouble, not the server's failure, kept 1 test(s) from running: ${trouble}`,
      '1 MUST requirement(s) not checked: PEER-LIST-004',
    ]);
  });

  it('reads a requirement whose every test the target declares absent as not applicable, which blocks nothing', () => {
    const absent = {
      ...record('signed', ['PEER-LIST-004'], 'skipped'),
      notApplicable: true,
      skipReason: 'not applicable: AK/SK declared absent',
    };
    const judged = run([absent, ...passing.slice(1)]);
    expect(outcomeOf(judged, 'PEER-LIST-004')).toMatchObject({ result: 'not applicable', why: 'AK/SK declared absent' });
    expect(judged.reasons).toEqual([]);
  });
});

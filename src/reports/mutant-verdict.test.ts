// A mutant is counted killed only by its own requirement, through the real judgement of a run's
// test results: one that breaks two requirements is flagged, one failed only by another
// requirement is not killed, and a requirement is proven only by a mutant that breaks nothing else.
import { describe, expect, it } from 'vitest';
import type { Requirement } from '../document/document.ts';
import { judge } from '../verdict/judgement.ts';
import { namePatternOf, testsJudging } from './judging-tests.ts';
import { mutantVerdict, requirementProofs } from './mutant-verdict.ts';
import type { TestRecord } from '../run/test-records.ts';

const requirement = (id: string, level: Requirement['level'] = 'MUST') => ({ id, level, rule: `rule of ${id}`, source: 'a page' }) as Requirement;
const catalogue = [requirement('PEER-LIST-004'), requirement('PEER-LIST-006'), requirement('PEER-LIST-009', 'SHOULD')];

function record(name: string, ids: string[], blamed?: string[]): TestRecord {
  return {
    name,
    fullName: `list > ${name}`,
    ids,
    file: 'tests/contract/list.test.ts',
    state: blamed ? 'failed' : 'passed',
    durationMs: 1,
    checks: Object.fromEntries(ids.map((id) => [id, 2])),
    ...(blamed && { failure: 'it failed', blamed }),
  };
}

/** The requirements' results of a run of these tests, as the run itself judges them. */
const resultsOf = (tests: TestRecord[]) => judge({ catalogue, tests, day: '2026-12-07', leaks: [] }).requirements;

describe('a mutant of PEER-LIST-004', () => {
  const filterIgnored = { name: 'filter-ignored', breaks: 'PEER-LIST-004' };

  it('is killed when its requirement is reported failed, and breaks nothing else', () => {
    const verdict = mutantVerdict(filterIgnored, resultsOf([record('filters', ['PEER-LIST-004'], ['PEER-LIST-004'])]));
    expect(verdict).toMatchObject({ result: 'killed', failed: ['PEER-LIST-004'], alsoBroken: [] });
  });

  it('is not killed by a run that only another requirement failed', () => {
    const verdict = mutantVerdict(filterIgnored, resultsOf([record('filters', ['PEER-LIST-004'], ['PEER-LIST-006'])]));
    expect(verdict).toMatchObject({ result: 'survived', failed: ['PEER-LIST-006'], alsoBroken: ['PEER-LIST-006'] });
  });

  it('is flagged when it breaks a second requirement, even in a test of its own', () => {
    const verdict = mutantVerdict(filterIgnored, resultsOf([record('filters', ['PEER-LIST-004'], ['PEER-LIST-004', 'PEER-LIST-006'])]));
    expect(verdict).toMatchObject({ result: 'killed', alsoBroken: ['PEER-LIST-006'] });
  });

  it('is not flagged for what it declares it necessarily breaks too', () => {
    const declared = { ...filterIgnored, consequences: ['PEER-LIST-006'] };
    const verdict = mutantVerdict(declared, resultsOf([record('filters', ['PEER-LIST-004'], ['PEER-LIST-004', 'PEER-LIST-006'])]));
    expect(verdict).toMatchObject({ result: 'killed', alsoBroken: [] });
  });

  it('survives when its test is skipped: not checked is not failed', () => {
    const skipped: TestRecord = { ...record('filters', ['PEER-LIST-004']), state: 'skipped', skipReason: 'no outsider' };
    expect(mutantVerdict(filterIgnored, resultsOf([skipped])).result).toBe('survived');
  });
});

describe('requirement proofs', () => {
  const killed = mutantVerdict({ name: 'clean', breaks: 'PEER-LIST-004' }, [{ id: 'PEER-LIST-004', result: 'failed' }]);
  const flagged = mutantVerdict({ name: 'flagged', breaks: 'PEER-LIST-006' }, [
    { id: 'PEER-LIST-006', result: 'failed' },
    { id: 'PEER-LIST-004', result: 'failed' },
  ]);

  it('proves a MUST cleanly only by a mutant killed by it that breaks nothing else, and lists every MUST', () => {
    expect(requirementProofs(catalogue, [killed, flagged])).toEqual([
      { requirement: 'PEER-LIST-004', level: 'MUST', mutants: ['clean'], killedBy: ['clean'], provenBy: ['clean'] },
      { requirement: 'PEER-LIST-006', level: 'MUST', mutants: ['flagged'], killedBy: ['flagged'], provenBy: [] },
    ]);
  });

  it('lists a SHOULD only when a mutant breaks it', () => {
    const should = mutantVerdict({ name: 'hint-missing', breaks: 'PEER-LIST-009' }, [{ id: 'PEER-LIST-009', result: 'failed' }]);
    expect(requirementProofs(catalogue, [should]).map((p) => p.requirement)).toEqual(['PEER-LIST-004', 'PEER-LIST-006', 'PEER-LIST-009']);
  });
});

describe('the tests that judge a requirement', () => {
  const checksElsewhere: TestRecord = { ...record('any body (refusals)', ['PEER-LIST-009']), checks: { 'PEER-LIST-009': 3, 'PEER-LIST-004': 1 } };
  const report = {
    requirements: judge({ catalogue, tests: [record('filters', ['PEER-LIST-004']), record('limits', ['PEER-LIST-006']), checksElsewhere], day: '2026-12-07', leaks: [] })
      .requirements,
  };

  it('are those tagged with it and those whose checks exercised it', () => {
    expect(testsJudging(report, 'PEER-LIST-004')).toEqual(['list > any body (refusals)', 'list > filters']);
  });

  it('are selected by a name pattern that matches them and no other', () => {
    const pattern = new RegExp(namePatternOf(testsJudging(report, 'PEER-LIST-004')));
    expect(['list any body (refusals)', 'tests/contract/list.test.ts list filters'].every((name) => pattern.test(name))).toBe(true);
    expect(['list limits', 'list filters twice', 'outlist filters'].some((name) => pattern.test(name))).toBe(false);
  });
});

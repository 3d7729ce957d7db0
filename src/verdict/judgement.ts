// The verdict of a run, from its tests' results: each requirement's result, what became of each
// known-failure entry, and why the run fails. One function for one run, a shard, and merged runs:
// merging is judging the runs' tests together, so a requirement passes only if every run that
// checked it passed it. A requirement fails wherever a failure blames it, whatever test found it;
// it passes only on evidence: checks that exercised it, every test of it run to its end, every
// property of it past its minimum. Too little evidence is "not checked", never "passed" (Inferno's
// rule: a skip blocks a pass; only what the target declares absent is "not applicable").
import { loadCatalogue, type Requirement } from '../document/document.ts';
import type { LedgerEntry } from '../run/ledger.ts';
import type { RunResult } from '../run/run-result.ts';
import { hasExpired, subjectOf, type KnownFailure, type KnownFailureOutcome } from './known-failures.ts';
import { NOT_SELECTED, STOPPED_TEST, type TestRecord } from '../run/test-records.ts';

export type RequirementResult = 'passed' | 'failed' | 'known failure' | 'not checked' | 'not applicable' | 'not covered';

export interface RequirementOutcome {
  id: string;
  level: Requirement['level'];
  rule: string;
  source: string;
  quote?: string;
  result: RequirementResult;
  why?: string;
  /** Checks that exercised it, passed or failed, across its tests. */
  checks: number;
  /** Properties of it that the time budget cut short, past their minimum: how many cases they ran. */
  budgetStops?: string[];
  /** The entries that cover its failure, when its result is a known failure. */
  knownFailures?: KnownFailure[];
  tests: TestRecord[];
}

export const NOT_IN_SHARD = 'no test of this shard checks it';

const NOT_RUN_BY = { suite: "the suite's own trouble", leftovers: "another test's leftovers" } as const;

/** Not checked for a reason the run's own scope gives (a filter, a shard, a stop): the run claims
 * nothing of it, so it does not block a pass. Any other "not checked" MUST does. */
const OUT_OF_SCOPE = new Set([NOT_SELECTED, NOT_IN_SHARD, STOPPED_TEST]);
export const outOfScope = (r: RequirementOutcome) => r.result === 'not checked' && OUT_OF_SCOPE.has(r.why ?? '');
const blocksPass = (r: RequirementOutcome) =>
  r.level === 'MUST' && (r.result === 'not covered' || (r.result === 'not checked' && !outOfScope(r)));

export interface JudgementInput {
  catalogue: Requirement[];
  tests: TestRecord[];
  /** Why the run stopped before every test had run: a requirement no test reported on may simply not have been reached. */
  stopped?: string | undefined;
  /** A shard runs part of the suite: a requirement none of its tests names is another shard's. */
  sharded?: boolean;
  knownFailures?: KnownFailure[];
  /** The run's first day (YYYY-MM-DD, UTC): known-failure entries whose last day is before it have expired. */
  day: string;
  leaks: LedgerEntry[];
  /** What else failed the run: the sweep's and the clock's sentences. */
  problems?: string[];
}

export interface Judgement {
  requirements: RequirementOutcome[];
  /** The run's tests, each failure marked with the requirements known-failure entries cover. */
  tests: TestRecord[];
  knownFailures: KnownFailureOutcome[];
  /** Why the run fails, one line each; empty when it passes. */
  reasons: string[];
}

/** The entries that cover failures on `day`: those not yet expired. */
export const liveOn = (entries: KnownFailure[], day: string) => entries.filter((e) => !hasExpired(e, day));

export function judge(input: JudgementInput): Judgement {
  const entries = input.knownFailures ?? [];
  const live = liveOn(entries, input.day);
  const tests = input.tests.map((t) => markKnown(t, live));
  const requirements = input.catalogue.filter((r) => !r.withdrawn).map((r) => outcome(r, tests, input, live));
  const knownFailures = entries.map((e) => ({ ...e, status: statusOf(e, requirements, tests, input.day) }));
  return { requirements, tests, knownFailures, reasons: reasonsOf(requirements, tests, knownFailures, input) };
}

/** A run's result judged, by the catalogue as it stands, on the day the run started. */
export function judgeRun({ run, tests }: RunResult, knownFailures?: KnownFailure[]): Judgement {
  return judge({
    catalogue: loadCatalogue(),
    tests,
    stopped: run.stopped,
    sharded: run.shard !== undefined,
    ...(knownFailures && { knownFailures }),
    day: run.startedAt.slice(0, 10),
    leaks: run.leaks,
    problems: run.problems,
  });
}

const entryNamesTest = (entry: KnownFailure, test: { name: string; fullName: string }) =>
  entry.test !== undefined && (entry.test === test.name || entry.test === test.fullName);

/** Of a failed test's blamed requirements, those a live entry covers: by the requirement, or by
 * naming the test. The console's report of each failure as it happens asks it too. */
export function knownOf(test: { name: string; fullName: string }, blamed: string[], live: KnownFailure[]): string[] {
  return blamed.filter((id) => live.some((e) => e.requirement === id || entryNamesTest(e, test)));
}

function markKnown(test: TestRecord, live: KnownFailure[]): TestRecord {
  const { known: _, ...record } = test;
  if (test.state !== 'failed') return record;
  const known = knownOf(test, test.blamed ?? test.ids, live);
  return known.length ? { ...record, known } : record;
}

function outcome(r: Requirement, tests: TestRecord[], input: JudgementInput, live: KnownFailure[]): RequirementOutcome {
  const blaming = tests.filter((t) => t.state === 'failed' && t.blamed?.includes(r.id));
  const tagged = tests.filter((t) => t.ids.includes(r.id));
  const mine = [...new Set([...tagged, ...blaming])];
  const checks = mine.reduce((sum, t) => sum + (t.checks?.[r.id] ?? 0), 0);
  const base = { id: r.id, level: r.level, rule: r.rule.trim(), source: r.source, ...(r.quote && { quote: r.quote }), tests: mine, checks };
  const notChecked = (why: string): RequirementOutcome => ({ ...base, result: 'not checked', why });
  if (blaming.length && blaming.every((t) => t.known?.includes(r.id))) {
    const covering = live.filter((e) => e.requirement === r.id || blaming.some((t) => entryNamesTest(e, t)));
    return { ...base, result: 'known failure', knownFailures: covering };
  }
  if (blaming.length) return { ...base, result: 'failed' };
  if (mine.length === 0 && input.stopped) return notChecked(STOPPED_TEST);
  if (mine.length === 0 && input.sharded) return notChecked(NOT_IN_SHARD);
  if (mine.length === 0) return { ...base, result: 'not covered', why: 'no test names this requirement' };
  const run = tagged.filter((t) => t.skipReason !== NOT_SELECTED);
  if (run.length === 0) return notChecked(NOT_SELECTED);
  const notRun = run.find((t) => t.notRun);
  if (notRun) return notChecked(`${NOT_RUN_BY[notRun.notRun!.by]} kept "${notRun.name}" from checking it: ${notRun.notRun!.why}`);
  const skipped = run.find((t) => t.state === 'skipped' && !t.notApplicable);
  if (skipped)
    return notChecked(skipped.skipReason === STOPPED_TEST ? STOPPED_TEST : `"${skipped.name}" was skipped: ${skipped.skipReason}`);
  const failedFirst = run.find((t) => t.state === 'failed');
  if (failedFirst) return notChecked(`not reached: "${failedFirst.name}" failed first, on ${failedFirst.blamed?.join(', ')}`);
  const thin = run.find((t) => t.property && t.property.completed < t.property.minimum);
  if (thin)
    return notChecked(
      `"${thin.name}" completed ${thin.property!.completed} case(s), fewer than the ${thin.property!.minimum} a verdict needs`,
    );
  if (run.every((t) => t.notApplicable))
    return { ...base, result: 'not applicable', why: run[0]!.skipReason!.replace(/^not applicable: /, '') };
  if (checks === 0) return notChecked('its tests ran, but no check of theirs exercised it');
  const budgetStops = run.flatMap(({ name, property }) =>
    property?.cutShortBy ? [`"${name}": ${property.completed} of ${property.of} cases within ${property.budgetMs / 1000} s`] : [],
  );
  return { ...base, result: 'passed', ...(budgetStops.length && { budgetStops }) };
}

function statusOf(
  entry: KnownFailure,
  requirements: RequirementOutcome[],
  tests: TestRecord[],
  day: string,
): KnownFailureOutcome['status'] {
  const subject = entry.requirement
    ? requirements.find((r) => r.id === entry.requirement)?.result
    : resultOfTests(tests.filter((t) => entryNamesTest(entry, t)));
  if (!isFailing(subject)) return subject === 'passed' ? 'fixed' : 'not checked';
  if (!hasExpired(entry, day)) return 'known';
  // A later entry for the same failure, added beside the old one, is how an entry is extended.
  return subject === 'known failure' ? 'replaced' : 'expired';
}

/** A failure by test: failed when one of them failed and no live entry covers what it broke. */
function resultOfTests(tests: TestRecord[]): RequirementResult | undefined {
  const failed = tests.filter((t) => t.state === 'failed');
  if (failed.length) return failed.every((t) => (t.blamed ?? t.ids).every((id) => t.known?.includes(id))) ? 'known failure' : 'failed';
  return tests.some((t) => t.state === 'passed') ? 'passed' : undefined;
}

/** Failing, whether or not a known-failure entry covers it: what a baseline compares and a certification counts. */
export const isFailing = (result: string | undefined) => result === 'failed' || result === 'known failure';

/** Whether a failed test fails the run: it broke a MUST requirement (one its failure blames: a model
 * step blames the one it broke, any other failure every requirement of the test) that no live
 * known-failure entry covers. `must`: the IDs of the MUST requirements. */
function brokeMust(must: ReadonlySet<string>, test: TestRecord): boolean {
  return test.state === 'failed' && (test.blamed ?? test.ids).some((id) => must.has(id) && !test.known?.includes(id));
}

const mustIds = (requirements: RequirementOutcome[]) => new Set(requirements.filter((r) => r.level === 'MUST').map((r) => r.id));

/** Tests that failed on SHOULD or MAY requirements only, no entry covering them: reported, not failing the run. */
export function warnings(judgement: Judgement): TestRecord[] {
  const must = mustIds(judgement.requirements);
  return judgement.tests.filter(
    (t) => t.state === 'failed' && !brokeMust(must, t) && (t.blamed ?? t.ids).some((id) => !t.known?.includes(id)),
  );
}

function reasonsOf(
  requirements: RequirementOutcome[],
  tests: TestRecord[],
  knownFailures: KnownFailureOutcome[],
  input: JudgementInput,
): string[] {
  const reasons: string[] = [];
  if (input.stopped) reasons.push(`${input.stopped}, before every test had run`);
  const must = mustIds(requirements);
  const failed = tests.filter((t) => brokeMust(must, t));
  if (failed.length) reasons.push(`${failed.length} test(s) of MUST requirements failed`);
  for (const by of ['suite', 'leftovers'] as const) {
    const notRun = tests.filter((t) => t.notRun?.by === by);
    if (notRun.length)
      reasons.push(`${NOT_RUN_BY[by]}, not the server's failure, kept ${notRun.length} test(s) from running: ${notRun[0]!.notRun!.why}`);
  }
  const unchecked = requirements.filter((r) => r.result === 'not checked' && blocksPass(r));
  if (unchecked.length) reasons.push(`${unchecked.length} MUST requirement(s) not checked: ${unchecked.map((r) => r.id).join(', ')}`);
  for (const e of knownFailures.filter((k) => k.status === 'expired'))
    reasons.push(
      `the known failure of ${subjectOf(e)} expired on ${e.expires} and it still fails (${e.tracker}): fix it, or extend the entry`,
    );
  const { leaks } = input;
  if (leaks.length)
    reasons.push(
      `${leaks.length} peering(s) the run created were still there at the end: ${leaks.map((l) => `${l.id} (${l.test})`).join(', ')}`,
    );
  const uncovered = requirements.filter((r) => r.level === 'MUST' && r.result === 'not covered');
  if (uncovered.length) reasons.push(`${uncovered.length} MUST requirement(s) have no test: ${uncovered.map((r) => r.id).join(', ')}`);
  return [...reasons, ...(input.problems ?? [])];
}

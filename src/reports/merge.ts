// merge-reports' merge: the reports of runs that split the suite into shards, or ran it against
// several targets (regions, vendors), made into one report as if one run had made them. Merging the
// shards of one target is judging their tests together (src/reports/judgement.ts), so a requirement
// passes only if every shard that checked it passed it. Targets are each judged alone, each with its
// own known-failure entries, and the result over every target is made from theirs: a known failure
// listed for one region does not excuse the same failure in another, and the verdict fails if any
// target fails.
import type { Requirement } from '../document/document.ts';
import { changesSince, type Baseline } from '../verdict/baseline.ts';
import { judge, outOfScope, type Judgement, type RequirementOutcome, type RequirementResult } from '../verdict/judgement.ts';
import type { KnownFailure } from '../verdict/known-failures.ts';
import type { TestRecord } from '../run/test-records.ts';
import { reportOf, type ConformanceReport, type ReportedRun, type TargetResult } from './reports.ts';

/** One run's report, as merge-reports was given it. */
export interface RunReport {
  /** The report directory, as given. */
  dir: string;
  /** The target the user named for it (NAME=DIR). Unnamed runs are all of one target: each shard
   * has a target file of its own, so their run.target differ even when their endpoint is one. */
  target?: string;
  report: ConformanceReport;
}

export class MergeError extends Error {}

export interface MergeInput {
  runs: RunReport[];
  /** The requirements the runs must have been judged on: a run of another catalogue would be judged wrongly. */
  catalogue: Requirement[];
  baseline?: Baseline | undefined;
}

export function mergeReports({ runs, catalogue, baseline }: MergeInput): ConformanceReport {
  for (const run of runs) checkCatalogue(run, catalogue);
  const targets = [...targetsOf(runs)].map(([name, group]) => {
    checkShards(name, group);
    checkKnownFailures(name, group);
    return { name, judgement: judgeTogether(group, catalogue) };
  });
  const run = summaryOf(runs);
  const changes = (requirements: RequirementOutcome[]) => baseline && changesSince(baseline, requirements);
  if (targets.length === 1) {
    const [{ judgement }] = targets as [(typeof targets)[0]];
    return reportOf(judgement, run, changes(judgement.requirements));
  }
  const requirements = targets[0]!.judgement.requirements.map(({ id }) =>
    overallOutcome(targets.map(({ name, judgement }) => ({ name, outcome: judgement.requirements.find((r) => r.id === id)! }))),
  );
  const overall: Judgement = {
    requirements,
    tests: targets.flatMap((t) => t.judgement.tests),
    // Each entry is its own target's: judged on that target's results only, and named by it.
    knownFailures: targets.flatMap(({ name, judgement }) => judgement.knownFailures.map((e) => ({ ...e, target: name }))),
    reasons: targets.flatMap((t) => t.judgement.reasons.map((r) => `${t.name}: ${r}`)),
  };
  return { ...reportOf(overall, run, changes(requirements)), targets: targets.map(({ name, judgement }) => targetResult(name, judgement)) };
}

/** The order a requirement's result over every target is taken in: failed where any target failed
 * it, else a known failure where one was, else not checked where a target could not check it (one
 * that did not select it claims nothing), else passed where one passed it. */
const PRECEDENCE: RequirementResult[] = ['failed', 'known failure', 'not checked', 'passed'];

/** A requirement's result over every target, from each target's own. When no target passed or failed
 * it, it is not covered if no target's run has a test naming it, not applicable where every target
 * declared it so, and not checked otherwise. Its why names the targets that gave the result. */
function overallOutcome(perTarget: { name: string; outcome: RequirementOutcome }[]): RequirementOutcome {
  const outcomes = perTarget.map((t) => t.outcome);
  const { result: _, why: __, knownFailures: ___, tests: ____, budgetStops: _____, ...base } = outcomes[0]!;
  const result =
    PRECEDENCE.find((r) => outcomes.some((o) => o.result === r && !outOfScope(o))) ??
    (['not covered', 'not applicable'] as const).find((r) => outcomes.every((o) => o.result === r)) ??
    'not checked';
  const giving = perTarget.filter((t) => t.outcome.result === result);
  const whys = giving.map(({ name, outcome }) => ({ name, why: whyOf(outcome) })).filter((w) => w.why);
  const entries = giving.flatMap((t) => t.outcome.knownFailures ?? []);
  return {
    ...base,
    result,
    ...(whys.length && { why: whys.map(({ name, why }) => `${name}: ${why}`).join('; ') }),
    ...(entries.length && { knownFailures: [...new Map(entries.map((e) => [JSON.stringify(e), e])).values()] }),
    tests: outcomes.flatMap((o) => o.tests),
    checks: outcomes.reduce((sum, o) => sum + o.checks, 0),
  };
}

/** Why a target's requirement has its result, in its own words: the failed tests, the entries, or the skip. */
function whyOf({ id, result, why, knownFailures, tests }: RequirementOutcome): string {
  if (result === 'failed')
    return tests
      .filter((t) => t.state === 'failed' && t.blamed?.includes(id))
      .map((t) => t.name)
      .join('; ');
  if (result === 'known failure') return (knownFailures ?? []).map((e) => `known: ${e.reason} (${e.tracker})`).join('; ');
  return why ?? '';
}

function targetResult(name: string, { reasons, requirements }: Judgement): TargetResult {
  return {
    name,
    verdict: reasons.length ? 'fail' : 'pass',
    reasons,
    results: Object.fromEntries(requirements.map((r) => [r.id, r.result])),
  };
}

/** The verdict rests on each requirement's ID and level: runs that disagree with the catalogue on them
 * were made by another version of the suite. */
function checkCatalogue({ dir, report }: RunReport, catalogue: Requirement[]): void {
  const expected = new Set(catalogue.filter((r) => !r.withdrawn).map((r) => `${r.id} ${r.level}`));
  const found = new Set(report.requirements.map((r) => `${r.id} ${r.level}`));
  const differing = [...new Set([...expected, ...found].filter((r) => !(expected.has(r) && found.has(r))).map((r) => r.split(' ')[0]))];
  if (differing.length)
    throw new MergeError(
      `${dir} was made by another version of the suite: its requirements differ from openapi/requirements.yaml's in ${differing.join(', ')}; merge runs of this version.`,
    );
}

function targetsOf(runs: RunReport[]): Map<string, RunReport[]> {
  const named = runs.filter((r) => r.target !== undefined);
  if (named.length && named.length < runs.length)
    throw new MergeError(
      `${runs.find((r) => r.target === undefined)!.dir} names no target while ${named[0]!.dir} does (${named[0]!.target}=): name every run's target, or none.`,
    );
  const targets = new Map<string, RunReport[]>();
  for (const run of runs) targets.set(run.target ?? '', [...(targets.get(run.target ?? '') ?? []), run]);
  return targets;
}

/** The runs of one target are one whole run, or the shards of one split, each once. */
function checkShards(name: string, runs: RunReport[]): void {
  const ofTarget = name ? ` of target "${name}"` : '';
  const shardOf = (r: RunReport) => r.report.run.shard;
  const whole = runs.find((r) => shardOf(r) === undefined);
  const other = runs.find((r) => r !== whole);
  if (whole && other)
    throw new MergeError(
      `${whole.dir} ran the whole suite${ofTarget}, so ${other.dir} (${shardOf(other) ? `shard ${shardOf(other)}` : 'the whole suite too'}) overlaps it: give one whole run or every shard of one split per target${name ? '' : ', or name each run\'s target (NAME=DIR) to compare targets'}.`,
    );
  if (whole) return;
  const [first, ...rest] = runs as [RunReport, ...RunReport[]];
  const total = shardOf(first)!.split('/')[1]!;
  const otherSplit = rest.find((r) => shardOf(r)!.split('/')[1] !== total);
  if (otherSplit)
    throw new MergeError(
      `${first.dir} is shard ${shardOf(first)} and ${otherSplit.dir} shard ${shardOf(otherSplit)}${ofTarget}: the shards of one split share their N.`,
    );
  for (const run of rest) {
    const twin = runs.find((r) => r !== run && shardOf(r) === shardOf(run));
    if (twin) throw new MergeError(`${twin.dir} and ${run.dir} are both shard ${shardOf(run)}${ofTarget}: give each shard once.`);
  }
  const given = new Set(runs.map(shardOf));
  const missing = Array.from({ length: Number(total) }, (_, i) => `${i + 1}/${total}`).filter((s) => !given.has(s));
  if (missing.length)
    throw new MergeError(
      `Shard ${missing.join(', ')}${ofTarget} ${missing.length > 1 ? 'are' : 'is'} missing (given: ${[...given].join(', ')}): give the reports of every shard.`,
    );
}

/** The shards of one target are judged with one list of entries: an entry given to one shard only
 * would cover the same failure in a shard never given it. */
function checkKnownFailures(name: string, runs: RunReport[]): void {
  const listOf = (run: RunReport) => JSON.stringify(entriesOf([run]).map((e) => JSON.stringify(e)).sort());
  const [first, ...rest] = runs as [RunReport, ...RunReport[]];
  const other = rest.find((r) => listOf(r) !== listOf(first));
  if (other)
    throw new MergeError(
      `${first.dir} and ${other.dir}${name ? ` of target "${name}"` : ''} were given different known failures: give every shard of a split the same --known-failures file, so that an entry covers the failures of every shard or of none.`,
    );
}

/** The runs' tests judged as one run's: a requirement no run checked is not covered, not another
 * shard's. Every run's entries are the same ones (checkKnownFailures). */
function judgeTogether(runs: RunReport[], catalogue: Requirement[]): Judgement {
  const run = summaryOf(runs);
  return judge({
    catalogue,
    tests: runs.flatMap((r) => testsOf(r.report)),
    stopped: run.stopped,
    sharded: false,
    knownFailures: entriesOf(runs),
    // An entry that has expired for the last shard to start expired for it alone, and so for the merge.
    day: runs.map((r) => r.report.run.startedAt.slice(0, 10)).sort().at(-1)!,
    leaks: run.leaks,
    problems: run.problems,
  });
}

/** A report lists a test under each requirement it checks: each once. Two tests of one name in one
 * file are two, on lines of their own. */
function testsOf(report: ConformanceReport): TestRecord[] {
  return [...new Map(report.requirements.flatMap((r) => r.tests).map((t) => [`${t.file}:${t.line ?? ''} > ${t.fullName}`, t])).values()];
}

/** The runs' known-failure entries without what they came to in each, each once, to be judged again on the merged results. */
function entriesOf(runs: RunReport[]): KnownFailure[] {
  const entries = runs.flatMap((r) =>
    r.report.knownFailures.map(({ requirement, test, reason, tracker, expires }): KnownFailure => ({
      ...(requirement && { requirement }),
      ...(test && { test }),
      reason,
      tracker,
      expires,
    })),
  );
  return [...new Map(entries.map((e) => [JSON.stringify(e), e])).values()];
}

function summaryOf(runs: RunReport[]): ReportedRun {
  const summaries = runs.map((r) => r.report.run);
  const start = Math.min(...summaries.map((s) => Date.parse(s.startedAt)));
  const end = Math.max(...summaries.map((s) => Date.parse(s.startedAt) + s.durationMs));
  const distinct = (values: string[]) => [...new Set(values)].join('; ');
  const fromEachRun = <T>(pick: (s: ReportedRun) => T[], label: (r: RunReport, value: T) => T = (_, value) => value) =>
    runs.flatMap((r) => pick(r.report.run).map((value) => label(r, value)));
  const stopped = fromEachRun((s) => (s.stopped ? [s.stopped] : []), (r, why) => `${r.dir}: ${why}`);
  const byStatus: Record<string, number> = {};
  for (const [status, n] of fromEachRun((s) => Object.entries(s.retries.byStatus))) byStatus[status] = (byStatus[status] ?? 0) + n;
  const sum = (pick: (s: ReportedRun) => number) => summaries.reduce((total, s) => total + pick(s), 0);
  return {
    runId: summaries.map((s) => s.runId).join('+'),
    target: distinct(summaries.map((s) => s.target)),
    kind: distinct(summaries.map((s) => s.kind)),
    startedAt: new Date(start).toISOString(),
    durationMs: end - start,
    // Each run's own seed is in `merged`; this one replays the first run only.
    seed: summaries[0]!.seed,
    profile: distinct(summaries.map((s) => s.profile)),
    // What every property had at least.
    propertyRuns: Math.min(...summaries.map((s) => s.propertyRuns)),
    leaks: fromEachRun((s) => s.leaks),
    sweptAfterStop: fromEachRun((s) => s.sweptAfterStop),
    retries: { total: sum((s) => s.retries.total), byStatus },
    traffic: {
      sent: sum((s) => s.traffic.sent),
      byRun: sum((s) => s.traffic.byRun),
      validated: sum((s) => s.traffic.validated),
      unvalidated: sum((s) => s.traffic.unvalidated),
      busyMs: sum((s) => s.traffic.busyMs),
      perTest: fromEachRun((s) => s.traffic.perTest),
    },
    budgets: fromEachRun((s) => s.budgets),
    ...(stopped.length && { stopped: stopped.join('; ') }),
    problems: fromEachRun((s) => s.problems, (r, problem) => `${r.dir}: ${problem}`),
    merged: runs.map(({ dir, report: { run } }) => ({
      runId: run.runId,
      target: run.target,
      ...(run.shard && { shard: run.shard }),
      seed: run.seed,
      dir,
    })),
  };
}

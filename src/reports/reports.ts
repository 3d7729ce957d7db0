// The run's reports: conformance.json for machines (per requirement: result, tests, failures
// with replay data) and conformance.md, the matrix a person reads; both render a judged run
// (src/verdict/judgement.ts). junit.xml and exchanges.har have renderers of their own.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HAR_FILE } from '../http/exchange-record.ts';
import type { BudgetStop, RunResult, RunSummary, RunTraffic } from '../run/run-result.ts';
import type { Changes } from '../verdict/baseline.ts';
import type { Judgement, RequirementOutcome, RequirementResult } from '../verdict/judgement.ts';
import { subjectOf, type KnownFailureOutcome } from '../verdict/known-failures.ts';
import { writeHar } from './har.ts';
import { junitXml } from './junit.ts';

/** A run as conformance.json reports it: the run's own account, and, for a merged report, the
 * runs it was made from. */
export interface ReportedRun extends RunSummary {
  /** The runs merge-reports made this report from (src/reports/merge.ts). */
  merged?: MergedRun[];
}

/** One run a merged report was made from: each shard's seed replays only that shard. */
interface MergedRun {
  runId: string;
  target: string;
  shard?: string;
  seed: number;
  /** The report directory it was read from. */
  dir: string;
}

/** The answers read unvalidated, as a clause; none, nothing. */
export const readUnvalidated = ({ unvalidated }: RunTraffic) =>
  unvalidated ? ` and ${unvalidated} read unvalidated (by the tests of the document's own rules, which check them themselves, and by cleanup)` : '';

/** "PEER-UPDATE-006: 23 of 50 runs within 60 s": a property the clock cut short, never a failure. */
export const budgetLine = (b: BudgetStop) =>
  `${b.ids[0] ?? ''}${b.ids.length > 1 ? ` (and ${b.ids.length - 1} more)` : ''}: ${b.runs} of ${b.of} runs within ${b.budgetMs / 1000} s (${b.test.split(' > ').at(-1) ?? ''})`;

/** conformance.json, as the run writes it and as tools (merge-reports, a later run's --baseline) read it. */
export interface ConformanceReport {
  verdict: 'pass' | 'fail';
  reasons: string[];
  run: ReportedRun;
  /** Given a baseline: what changed since, before the full matrix. */
  changes?: Changes;
  /** Given --known-failures: each entry, and what it came to in this run. */
  knownFailures: KnownFailureOutcome[];
  requirements: RequirementOutcome[];
  /** Merged from runs against more than one target: each target's verdict and results (the matrix). */
  targets?: TargetResult[];
}

export interface TargetResult {
  name: string;
  verdict: ConformanceReport['verdict'];
  reasons: string[];
  results: Record<string, RequirementResult>;
}

export function reportOf(judgement: Judgement, run: ReportedRun, changes?: Changes): ConformanceReport {
  const { reasons, knownFailures, requirements } = judgement;
  return { verdict: reasons.length ? 'fail' : 'pass', reasons, run, ...(changes && { changes }), knownFailures, requirements };
}

export function writeReports(dir: string, report: ConformanceReport): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'conformance.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(dir, 'conformance.md'), markdown(report));
}

/** Every report of a run into `dir`: conformance.json and .md, junit.xml and exchanges.har. Gives
 * the number of entries the HAR holds. */
export function writeRunReports(dir: string, report: ConformanceReport, { tests, exchanges }: RunResult): number {
  writeReports(dir, report);
  writeFileSync(join(dir, 'junit.xml'), junitXml(tests, report.run.startedAt));
  return writeHar(exchanges, join(dir, HAR_FILE));
}

/** "3 passed, 1 failed, 1 known failure, 0 not checked, 1 not applicable, 2 not covered". */
export function resultCounts(requirements: RequirementOutcome[]): string {
  const count = (result: RequirementResult) => requirements.filter((r) => r.result === result).length;
  const known = count('known failure');
  const applicable = count('not applicable');
  return `${count('passed')} passed, ${count('failed')} failed${known ? `, ${known} known failure${known > 1 ? 's' : ''}` : ''}, ${count('not checked')} not checked${applicable ? `, ${applicable} not applicable` : ''}, ${count('not covered')} not covered`;
}

/** The changes since the baseline, one line each: what a deploy's reader looks at first. */
export function changeLines({ baseline, newlyFailing, newlyPassing }: Changes): string[] {
  return [
    `Changes since run ${baseline.runId} (${baseline.startedAt}, ${baseline.file}): ${newlyFailing.length} newly failing, ${newlyPassing.length} newly passing`,
    ...(newlyFailing.length ? [`  newly failing: ${newlyFailing.join(', ')}`] : []),
    ...(newlyPassing.length ? [`  newly passing: ${newlyPassing.join(', ')}`] : []),
  ];
}

/** An entry and what it came to, as a person reads it. */
export function knownFailureLine(e: KnownFailureOutcome): string {
  const what = {
    known: `known failure, not failing the run, until ${e.expires}`,
    expired: `EXPIRED on ${e.expires}, and it still fails: the run fails on it again`,
    replaced: `expired on ${e.expires}, and a later entry covers the failure: remove this one`,
    fixed: 'fixed: it passes now, remove the entry',
    'not checked': 'not checked in this run',
  }[e.status];
  return `${e.target ? `${e.target}: ` : ''}${subjectOf(e)}: ${what}. ${e.reason} (${e.tracker})`;
}

function whyOf(r: RequirementOutcome): string {
  if (r.why) return r.why;
  if (r.budgetStops) return `budget: ${r.budgetStops.join('; ')}`;
  if (r.result === 'known failure') return (r.knownFailures ?? []).map((e) => `known: ${e.reason} (${e.tracker})`).join('; ');
  if (r.result === 'failed')
    return r.tests
      .filter((t) => t.blamed?.includes(r.id))
      .map((t) => t.name)
      .join('; ');
  return '';
}

function markdown({ reasons, run, changes, knownFailures, requirements, targets }: ConformanceReport): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const lines = [
    '# VPC peering conformance report',
    '',
    `- Verdict: **${reasons.length ? 'FAIL' : 'PASS'}**${reasons.map((r) => `\n  - ${r}`).join('')}`,
    `- Target: ${run.target}${run.shard ? ` (shard ${run.shard})` : ''}`,
    `- Run: ${run.runId}, started ${run.startedAt}, ${(run.durationMs / 1000).toFixed(1)} s`,
    `- Traffic: ${run.traffic.sent} requests, ${run.traffic.validated} responses validated${readUnvalidated(run.traffic)}, ${(run.traffic.busyMs / run.durationMs).toFixed(1)} requests in flight on average`,
    `- Retries: ${run.retries.total}${run.retries.total ? ` (${Object.entries(run.retries.byStatus).map(([c, n]) => `${n} after ${c}`).join(', ')})` : ''}`,
    // A merged report's runs each had a seed of their own: one replays only its own run.
    run.merged
      ? `- Profile: ${run.profile}, ${run.propertyRuns} runs per property; merged from ${run.merged.length} runs:${run.merged.map((m) => `\n  - ${m.runId} (${m.dir}): ${m.target}${m.shard ? `, shard ${m.shard}` : ''}, seed ${m.seed}`).join('')}`
      : `- Profile: ${run.profile}, ${run.propertyRuns} runs per property; seed ${run.seed} (replay with \`PEERING_SEED=${run.seed}\`)`,
    ...run.budgets.map((b) => `- Stopped by its time budget, past its minimum, not failed: ${budgetLine(b)}`),
    `- Requirements: ${resultCounts(requirements)}`,
  ];
  if (changes) {
    const [headline, ...details] = changeLines(changes);
    lines.push('', '## Changes', '', headline!, ...details.map((d) => `- ${d.trim()}`));
  }
  if (targets)
    lines.push('', '## Targets', '', ...targets.map((t) => `- ${t.name}: **${t.verdict.toUpperCase()}**${t.reasons.map((r) => `\n  - ${r}`).join('')}`));
  if (knownFailures.length) lines.push('', '## Known failures', '', ...knownFailures.map((e) => `- ${knownFailureLine(e)}`));
  lines.push(
    '',
    '## Requirements',
    '',
    '| Requirement | Level | Result | Tests | Checks | Why |',
    '|---|---|---|---|---|---|',
    ...requirements.map((r) => `| ${r.id} | ${r.level} | ${r.result} | ${r.tests.length} | ${r.checks} | ${cell(whyOf(r))} |`),
  );
  const failures = requirements.flatMap((r) => r.tests).filter((t, i, all) => t.state === 'failed' && all.indexOf(t) === i);
  if (failures.length) {
    lines.push('', '## Failures', '');
    for (const t of failures)
      lines.push(`### ${t.name}${t.known ? ` (known: ${t.known.join(', ')})` : ''}`, '', `${t.file}${t.line ? `:${t.line}` : ''}`, '', '```', t.failure ?? '', '```', '');
  }
  return lines.join('\n') + '\n';
}

// The run's reports: conformance.json for machines (per requirement: result, tests, failures
// with replay data) and conformance.md, the matrix a person reads. junit.xml comes from vitest.
import type { StopReason } from '../run/run-stop.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Requirement } from '../document/document.ts';
import type { LedgerEntry } from '../run/ledger.ts';
import { readJsonLines, runFiles } from '../run/run-files.ts';
import { STOPPED_TEST, type TestRecord } from './results.ts';

type RequirementResult = 'passed' | 'failed' | 'skipped' | 'not covered';

export interface RequirementOutcome {
  id: string;
  level: Requirement['level'];
  rule: string;
  source: string;
  quote?: string;
  result: RequirementResult;
  why?: string;
  tests: TestRecord[];
}

export interface RunSummary {
  runId: string;
  target: string;
  kind: string;
  startedAt: string;
  durationMs: number;
  seed: number;
  profile: string;
  propertyRuns: number;
  leaks: LedgerEntry[];
  /** Deleted by the sweep after a stop: peerings of tests cancelled before their cleanup. */
  sweptAfterStop: LedgerEntry[];
  retries: Retries;
  traffic: RunTraffic;
  /** Properties that stopped starting runs at their time budget, with the runs they completed. */
  budgets: BudgetStop[];
  /** Why the run stopped before every test had run, in words... */
  stopped?: string;
  /** ...and as a value: a signal, or its deadline. */
  stopReason?: StopReason;
}

export interface RunTraffic {
  /** Requests sent by the tests, retries included. */
  sent: number;
  /** Responses the validator checked against the document: a retried 429 or 503 is not one. */
  validated: number;
  /** Responses the tests of the document's own rules read unvalidated (api.unvalidated). */
  unvalidated: number;
  /** Time requests spent in flight, summed: divided by the run's time, the requests in flight on average. */
  busyMs: number;
  /** Each test's requests, which go one after another, and the deletes it waited to complete:
   * the chains that bound how fast a run can be. */
  perTest: { sent: number; deletes: number }[];
}

/** The answers the tests of the document's own rules read unvalidated, as a clause; none, nothing. */
export const readUnvalidated = ({ unvalidated }: RunTraffic) =>
  unvalidated ? ` and ${unvalidated} read unvalidated by the tests of the document's own rules` : '';

/** What every test's fixture wrote down of its traffic. */
export function readTraffic(runDir: string): RunTraffic {
  const lines = readJsonLines<{ sent: number; validated: number; unvalidated: number; busyMs: number; deletes: number }>(runFiles(runDir).traffic);
  return {
    sent: lines.reduce((sum, l) => sum + l.sent, 0),
    validated: lines.reduce((sum, l) => sum + l.validated, 0),
    unvalidated: lines.reduce((sum, l) => sum + l.unvalidated, 0),
    busyMs: lines.reduce((sum, l) => sum + l.busyMs, 0),
    perTest: lines.map(({ sent, deletes }) => ({ sent, deletes })),
  };
}

export interface BudgetStop {
  test: string;
  ids: string[];
  runs: number;
  of: number;
  budgetMs: number;
}

/** "PEER-UPDATE-006: 23 of 50 runs within 60 s": a property the clock cut short, never a failure. */
export const budgetLine = (b: BudgetStop) =>
  `${b.ids[0] ?? ''}${b.ids.length > 1 ? ` (and ${b.ids.length - 1} more)` : ''}: ${b.runs} of ${b.of} runs within ${b.budgetMs / 1000} s (${b.test.split(' > ').at(-1) ?? ''})`;

export function readBudgets(runDir: string): BudgetStop[] {
  return readJsonLines<BudgetStop>(runFiles(runDir).budgets);
}

export interface Retries {
  total: number;
  byStatus: Record<string, number>;
}

/** The retries every worker wrote down, one line each, in the run's directory. */
export function readRetries(runDir: string): Retries {
  const lines = readJsonLines<{ status: number }>(runFiles(runDir).retries);
  const byStatus: Record<string, number> = {};
  for (const { status } of lines) byStatus[status] = (byStatus[status] ?? 0) + 1;
  return { total: lines.length, byStatus };
}

/** `stopped`: the run was stopped, so a requirement no test reported on may simply not have been reached. */
export function outcomes(catalogue: Requirement[], tests: TestRecord[], stopped = false): RequirementOutcome[] {
  return catalogue.filter((r) => !r.withdrawn).map((r) => {
    const mine = tests.filter((t) => t.ids.includes(r.id));
    const base = { id: r.id, level: r.level, rule: r.rule.trim(), source: r.source, ...(r.quote && { quote: r.quote }), tests: mine };
    if (mine.length === 0 && stopped) return { ...base, result: 'skipped' as const, why: STOPPED_TEST };
    if (mine.length === 0) return { ...base, result: 'not covered' as const, why: 'no test names this requirement' };
    if (mine.some((t) => t.state === 'failed' && t.blamed?.includes(r.id))) return { ...base, result: 'failed' as const };
    if (mine.some((t) => t.state === 'passed')) return { ...base, result: 'passed' as const };
    const stoppedEarly = mine.find((t) => t.state === 'failed');
    if (stoppedEarly) return { ...base, result: 'skipped' as const, why: `not reached: "${stoppedEarly.name}" failed first, on ${stoppedEarly.blamed?.join(', ')}` };
    return { ...base, result: 'skipped' as const, why: [...new Set(mine.map((t) => t.skipReason))].join('; ') };
  });
}

/** Whether a failed test broke a MUST: the requirements its failure blames (a model step blames
 * the one it broke; a failure that names none blames every requirement of the test). */
function brokeMust(requirements: RequirementOutcome[], test: TestRecord): boolean {
  const must = new Set(requirements.filter((r) => r.level === 'MUST').map((r) => r.id));
  return test.state === 'failed' && (test.blamed ?? test.ids).some((id) => must.has(id));
}

/** Tests that failed on SHOULD or MAY requirements only: reported, not failing the run. */
export function warnings(requirements: RequirementOutcome[], tests: TestRecord[]): TestRecord[] {
  return tests.filter((t) => t.state === 'failed' && !brokeMust(requirements, t));
}

/** Why the run fails, one line each; empty when it passes. A failed test fails the run when it
 * broke a MUST requirement; SHOULD and MAY failures are warnings. */
export function verdict(requirements: RequirementOutcome[], tests: TestRecord[], summary: RunSummary): string[] {
  const reasons: string[] = [];
  const failed = tests.filter((t) => brokeMust(requirements, t));
  if (failed.length) reasons.push(`${failed.length} test(s) of MUST requirements failed`);
  if (summary.leaks.length) reasons.push(`${summary.leaks.length} peering(s) the run created were still there at the end: ${summary.leaks.map((l) => `${l.id} (${l.test})`).join(', ')}`);
  const uncovered = requirements.filter((r) => r.level === 'MUST' && r.result === 'not covered');
  if (uncovered.length) reasons.push(`${uncovered.length} MUST requirement(s) have no test: ${uncovered.map((r) => r.id).join(', ')}`);
  return reasons;
}

function markdown(requirements: RequirementOutcome[], summary: RunSummary, reasons: string[]): string {
  const count = (result: RequirementResult) => requirements.filter((r) => r.result === result).length;
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const lines = [
    '# VPC peering conformance report',
    '',
    `- Verdict: **${reasons.length ? 'FAIL' : 'PASS'}**${reasons.map((r) => `\n  - ${r}`).join('')}`,
    `- Target: ${summary.target}`,
    `- Run: ${summary.runId}, started ${summary.startedAt}, ${(summary.durationMs / 1000).toFixed(1)} s`,
    `- Traffic: ${summary.traffic.sent} requests, ${summary.traffic.validated} responses validated${readUnvalidated(summary.traffic)}, ${(summary.traffic.busyMs / summary.durationMs).toFixed(1)} requests in flight on average`,
    `- Retries: ${summary.retries.total}${summary.retries.total ? ` (${Object.entries(summary.retries.byStatus).map(([c, n]) => `${n} after ${c}`).join(', ')})` : ''}`,
    `- Profile: ${summary.profile}, ${summary.propertyRuns} runs per property; seed ${summary.seed} (replay with \`PEERING_SEED=${summary.seed}\`)`,
    ...summary.budgets.map((b) => `- Stopped by its time budget, not failed: ${budgetLine(b)}`),
    `- Requirements: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped, ${count('not covered')} not covered`,
    '',
    '| Requirement | Level | Result | Tests | Why |',
    '|---|---|---|---|---|',
    ...requirements.map((r) => `| ${r.id} | ${r.level} | ${r.result} | ${r.tests.length} | ${cell(r.why ?? (r.result === 'failed' ? r.tests.filter((t) => t.blamed?.includes(r.id)).map((t) => t.name).join('; ') : ''))} |`),
  ];
  const failures = requirements.flatMap((r) => r.tests).filter((t, i, all) => t.state === 'failed' && all.indexOf(t) === i);
  if (failures.length) {
    lines.push('', '## Failures', '');
    for (const t of failures) lines.push(`### ${t.name}`, '', `${t.file}${t.line ? `:${t.line}` : ''}`, '', '```', t.failure ?? '', '```', '');
  }
  return lines.join('\n') + '\n';
}

/** conformance.json, as the run writes it and as tools read it. */
export interface ConformanceReport {
  verdict: 'pass' | 'fail';
  reasons: string[];
  run: RunSummary;
  requirements: RequirementOutcome[];
}

export function writeReports(dir: string, requirements: RequirementOutcome[], summary: RunSummary, reasons: string[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'conformance.json'), JSON.stringify({ verdict: reasons.length ? 'fail' : 'pass', reasons, run: summary, requirements } satisfies ConformanceReport, null, 2) + '\n');
  writeFileSync(join(dir, 'conformance.md'), markdown(requirements, summary, reasons));
}

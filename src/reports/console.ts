// What the console says of a run, line by line: its header as it opens, each failure as it happens
// (in a CI log, where no progress is drawn), a stop, and the summary once the run is judged. The
// lines are made here and printed by the command (src/cli/conformance-command.ts); self-tests and
// the README read them, so their words stay as they are.
import { join } from 'node:path';
import { HAR_FILE } from '../http/exchange-record.ts';
import type { RunSettings } from '../run/conformance-run.ts';
import type { RunSummary } from '../run/run-result.ts';
import { describeStop, type StopReason } from '../run/run-stop.ts';
import { NOT_SELECTED, STOPPED_TEST, type TestFailure } from '../run/test-records.ts';
import type { Changes } from '../verdict/baseline.ts';
import { knownOf, NOT_IN_SHARD, warnings, type Judgement } from '../verdict/judgement.ts';
import type { KnownFailure } from '../verdict/known-failures.ts';
import { budgetLine, changeLines, knownFailureLine, readUnvalidated, resultCounts } from './reports.ts';

/** The run, its target, trace, profile and seed: its first two lines. */
export function openingLines(
  { runId, traceId, target }: { runId: string; traceId: string; target: string },
  { profile, propertyRuns, seed, shard }: RunSettings,
): string[] {
  return [
    `Conformance run ${runId} against ${target}${shard ? `, shard ${shard} of the suite's files` : ''}, every request in W3C trace ${traceId}`,
    `Profile ${profile.name}: ${propertyRuns} runs per property (at least ${profile.minimumPropertyRuns} for a verdict), lifecycles of up to ${profile.lifecycleLength} operations. Seed ${seed} (replay with PEERING_SEED=${seed})`,
  ];
}

/** The round trip, and the waits and budget the tests keep to: the line before the tests start. */
export function roundTripLine(roundTripMs: number, { settleMs, propertyBudgetMs, shrink }: RunSettings): string {
  return `Round trip ${Math.round(roundTripMs)} ms; a read showing an older state is read again for up to ${settleMs / 1000} s (--settle-timeout); past its minimum of cases, a property stops starting runs after ${propertyBudgetMs / 1000} s (--property-budget)${shrink ? '' : "; a property's counterexample is reported as found, unshrunk (--no-shrink)"}`;
}

/** A failed test as it ends, in full. One a live known-failure entry covers wholly is a known
 * failure, not FAILED: it does not fail the run, and the log must not say it did. `live`: the
 * entries not expired on the run's day. */
export function failureReport(failure: TestFailure, live: KnownFailure[]): string {
  const { fullName, ids, blamed, messages } = failure;
  const known = knownOf(failure, blamed, live);
  const heading = blamed.length > 0 && known.length === blamed.length ? `KNOWN FAILURE (${known.join(' ')}; does not fail the run)` : 'FAILED';
  return `\n${heading} ${fullName} [${ids.join(' ')}]\n${messages.join('\n')}`;
}

export function stoppingLine(reason: StopReason): string {
  return `\n${describeStop(reason)}: stopping the tests, deleting what the run created and writing the reports (a second Ctrl-C exits at once).`;
}

export function preflightStopLine(reason: StopReason): string {
  return `\n${describeStop(reason)} during the pre-flight: deleting the peering it made, if any; no test will run.`;
}

/** Said before the process exits at a second signal; `left`: what the ledger says may be left. */
export function exitNowLine(left: string): string {
  return `\nExiting now, before the sweep has finished. ${left}`;
}

/** The summary after the run: what changed, the requirement counts and what was not judged, the
 * traffic and the HAR, and the verdict. `recorded`: the entries the HAR was written with. */
export function summaryLines(
  run: RunSummary,
  judgement: Judgement,
  { changes, reportsDir, recorded }: { changes?: Changes | undefined; reportsDir: string; recorded: number },
): string[] {
  const { requirements, reasons } = judgement;
  const lines = [''];
  if (changes) lines.push(...changeLines(changes));
  lines.push(`Requirements: ${resultCounts(requirements)}`);
  const notCheckedFor = (reason: string) => requirements.filter((r) => r.result === 'not checked' && r.why === reason);
  const unselected = notCheckedFor(NOT_SELECTED);
  const unreached = notCheckedFor(STOPPED_TEST);
  const otherShards = notCheckedFor(NOT_IN_SHARD);
  if (unselected.length) lines.push(`  ${unselected.length} requirements not selected by -t or --requirement`);
  if (unreached.length) lines.push(`  ${unreached.length} requirements not reached before the stop`);
  if (otherShards.length) lines.push(`  ${otherShards.length} requirements checked by other shards only`);
  for (const r of requirements.filter(
    (r) => r.result === 'not checked' && ![unselected, unreached, otherShards].some((s) => s.includes(r)),
  ))
    lines.push(`  not checked ${r.id} (${r.level}): ${r.why}`);
  for (const r of requirements.filter((r) => r.result === 'not applicable')) lines.push(`  not applicable ${r.id}: ${r.why}`);
  for (const e of judgement.knownFailures) lines.push(`  ${knownFailureLine(e)}`);
  for (const t of warnings(judgement)) lines.push(`  warning (SHOULD/MAY only, does not fail the run): ${t.name}`);
  for (const r of requirements.filter((r) => r.result === 'not covered'))
    lines.push(`  not covered ${r.id} (${r.level})${r.level === 'MUST' ? '' : ': allowed for a ' + r.level + ' requirement, reported only'}`);
  const { traffic, retries } = run;
  const runSeconds = run.durationMs / 1000;
  lines.push(
    `  ${traffic.sent} requests, ${traffic.validated} responses validated against the document${readUnvalidated(traffic)}, in ${runSeconds.toFixed(1)} s (${Math.round(traffic.sent / runSeconds)} requests/s, ${(traffic.busyMs / run.durationMs).toFixed(1)} in flight on average)`,
    `  ${recorded} exchanges in ${join(reportsDir, HAR_FILE)} (HAR 1.2): the tests' ${traffic.sent} requests and the run's own ${traffic.byRun} (pre-flight, round trip, sweep)`,
  );
  for (const b of run.budgets) lines.push(`  stopped by its time budget, past its minimum, not failed: ${budgetLine(b)}`);
  if (run.stopped) lines.push(`  the sweep deleted ${run.sweptAfterStop.length} peering(s) that the stopped tests had not cleaned up`);
  if (retries.total)
    lines.push(
      `  ${retries.total} requests were retried after ${Object.entries(retries.byStatus)
        .map(([code, n]) => `${n} x ${code}`)
        .join(', ')}`,
    );
  lines.push(`Reports: ${reportsDir}/conformance.md, ${reportsDir}/conformance.json, ${reportsDir}/junit.xml, ${reportsDir}/${HAR_FILE}`);
  const known = judgement.tests.filter((t) => t.known).length;
  const butKnown = known ? `, but for ${known} known failure(s),` : '';
  // A SHOULD or MAY that failed does not fail the run, and the last line must not say it passed.
  const warned = warnings(judgement).length;
  const checks = warned ? `check of a MUST requirement passed (${warned} warning(s) above)` : 'check passed';
  lines.push(
    reasons.length ? `FAIL: ${reasons.join('; ')}` : `PASS: every applicable ${checks}${butKnown} and the run left nothing behind.`,
  );
  return lines;
}

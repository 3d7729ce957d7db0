// One conformance run, from an open target to its reports: vitest runs the suite in workers given
// the run's context, a first signal or the run's deadline stops the tests, the sweep deletes what
// the run created, and the reports and the console give the verdict. scripts/conformance.ts
// parses the options and calls it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { EXIT, stopWith, type ExitCode } from '../cli/command-line.ts';
import { loadCatalogue } from '../document/document.ts';
import { ExchangeRecorder } from '../http/exchange-record.ts';
import { traceIdOf } from '../http/trace.ts';
import { Transport } from '../http/transport.ts';
import { writeHar } from '../reports/har.ts';
import { HAR_FILE } from '../http/exchange-record.ts';
import { FailuresOnly } from '../reports/failures-only.ts';
import { changesSince, type Baseline } from '../reports/baseline.ts';
import { judge, liveOn, NOT_IN_SHARD, warnings } from '../reports/judgement.ts';
import type { KnownFailure } from '../reports/known-failures.ts';
import {
  budgetLine,
  changeLines,
  knownFailureLine,
  readBudgets,
  readRetries,
  readTraffic,
  readUnvalidated,
  reportOf,
  resultCounts,
  writeReports,
  type RunSummary,
} from '../reports/reports.ts';
import { NOT_SELECTED, ResultCollector, STOPPED_TEST } from '../reports/results.ts';
import type { RunContext } from './context.ts';
import { Ledger } from './ledger.ts';
import type { Profile } from './profiles.ts';
import { namePrefix, runFiles } from './run-files.ts';
import { describeStop, exitCodeOf, RunStop } from './run-stop.ts';
import { sweepRun } from './sweep.ts';
import { StartupProblem } from './startup-problem.ts';
import { PreflightStopped } from './preflight.ts';
import { measureRoundTrip, openTarget, type TargetOptions } from './target.ts';

/** After a stop: how long the tests have to end, and by when the sweep must be done, so that the
 * reports are written before CI's SIGTERM, 7.5 s after its SIGINT. */
const TESTS_END_AFTER_STOP_MS = 2_000;
const SWEEP_AFTER_STOP_MS = 6_500;

/** What a run is asked to do, its options parsed and checked. */
export interface RunSettings {
  /** What --target named: nothing (the emulator), `prism`, or a target file's path. */
  targetArgument: string | undefined;
  targetOptions: TargetOptions;
  reportsDir: string;
  seed: number;
  profile: Profile;
  propertyRuns: number;
  testNamePattern?: string | undefined;
  /** A vitest tags expression over requirement IDs. */
  requirement?: string | undefined;
  bail: boolean;
  concurrency: number;
  deadlineMs: number;
  runDeadlineMs: number;
  settleMs: number;
  propertyBudgetMs: number;
  /** Failures with a ticket, each until its date: reported, not failing the run. */
  knownFailures?: KnownFailure[] | undefined;
  /** A previous run's results: what newly fails and newly passes is listed first. */
  baseline?: Baseline | undefined;
  /** "I/N": this run is one of N shards of the suite, split by file. */
  shard?: string | undefined;
}

/** What the sweep could not delete, one clause: those that failed alike share their reason. */
function stuckLine(stuck: { what: string; why: string }[]): string {
  const whys = [...new Set(stuck.map((s) => s.why))];
  return whys.map((why) => `${stuck.flatMap((s) => (s.why === why ? [s.what] : [])).join(', ')} (${why})`).join('; ');
}

/** Runs the suite as `settings` say, and gives the status the command exits with. */
export async function runSuite(settings: RunSettings): Promise<ExitCode> {
  const { targetArgument, targetOptions, reportsDir, seed, profile, propertyRuns, testNamePattern, requirement, bail, concurrency } =
    settings;
  const { deadlineMs, runDeadlineMs, settleMs, propertyBudgetMs, knownFailures, baseline, shard } = settings;
  const startedAt = new Date();
  const runId = randomBytes(4).toString('hex');
  const runDir = mkdtempSync(join(tmpdir(), `peering-run-${runId}-`));

  const files = runFiles(runDir);
  // The run's own requests (pre-flight, round trip, sweep) go into the HAR beside the tests', in
  // the run's trace. Each step has a wire of its own: what one step's missed deadlines say of an
  // operation is not carried into the next.
  const traceId = traceIdOf(runId);
  const ownExchanges = new ExchangeRecorder(`${runId}-run`);
  const ownWire = () => new Transport(ownExchanges, traceId);
  // A signal during the pre-flight lets the peering under way be deleted, then ends the run before
  // any test starts; the run's own stop takes the signals over once the tests are under way.
  const preflightStop = new RunStop(
    (reason) => console.log(`\n${describeStop(reason)} during the pre-flight: deleting the peering it made, if any; no test will run.`),
    () => {},
  );
  preflightStop.listen();
  const opened = await openTarget(targetArgument, targetOptions, {
    transport: ownWire(),
    namePrefix: namePrefix(runId),
    stopped: () => preflightStop.reason !== undefined,
  }).catch((error: unknown) => {
    if (error instanceof PreflightStopped) process.exit(exitCodeOf(preflightStop.reason) ?? EXIT.failed);
    return stopWith(error instanceof StartupProblem ? error.message : `Could not start: ${(error as Error).message}`);
  });
  if (preflightStop.reason) {
    await opened.close();
    process.exit(exitCodeOf(preflightStop.reason) ?? EXIT.failed);
  }
  const { target } = opened;

  console.log(
    `Conformance run ${runId} against ${target.description}${shard ? `, shard ${shard} of the suite's files` : ''}, every request in W3C trace ${traceId}`,
  );
  console.log(
    `Profile ${profile.name}: ${propertyRuns} runs per property (at least ${profile.minimumPropertyRuns} for a verdict), lifecycles of up to ${profile.lifecycleLength} operations. Seed ${seed} (replay with PEERING_SEED=${seed})`,
  );
  let ownRequests = ownExchanges.appendTo(files.exchanges, '(run) pre-flight');
  const roundTripMs = await measureRoundTrip(target, ownWire());
  ownRequests += ownExchanges.appendTo(files.exchanges, '(run) round trip');
  // No test is failed by the clock: a property stops starting runs at its budget, and the limit
  // leaves room for one more run, the waits of the settle window and the cleanup, at this round trip.
  const testTimeoutMs = propertyBudgetMs + 2 * settleMs + 400 * roundTripMs + deadlineMs;
  console.log(
    `Round trip ${Math.round(roundTripMs)} ms; a read showing an older state is read again for up to ${settleMs / 1000} s (--settle-timeout); past its minimum of cases, a property stops starting runs after ${propertyBudgetMs / 1000} s (--property-budget)`,
  );

  const collector = new ResultCollector(Boolean(testNamePattern || requirement));
  const { createVitest } = await import('vitest/node');
  const vitest = await createVitest('test', {
    config: 'vitest.conformance.config.ts',
    watch: false,
    ...(testNamePattern && { testNamePattern }),
    ...(requirement && { tagsFilter: [requirement] }),
    ...(bail && { bail: 1 }),
    ...(shard && { shard }),
    // Test files run in this many workers at once: against a distant endpoint the run is bound by
    // latency, not by cores. VPC-pair leases keep them from colliding.
    maxWorkers: concurrency,
    testTimeout: testTimeoutMs,
    // A person at a terminal sees progress; a CI log only failures and the summary.
    reporters: [
      process.stdout.isTTY && !process.env.CI
        ? 'default'
        : new FailuresOnly(liveOn(knownFailures ?? [], startedAt.toISOString().slice(0, 10))),
      ['junit', { outputFile: join(reportsDir, 'junit.xml') }],
      collector,
    ],
  });
  const context: RunContext = {
    target,
    runId,
    traceId,
    runDir,
    seed,
    propertyRuns,
    minimumPropertyRuns: profile.minimumPropertyRuns,
    lifecycleLength: profile.lifecycleLength,
    deadlineMs,
    settleMs,
    propertyBudgetMs,
    testTimeoutMs,
  };
  vitest.provide('runContext', context);

  // A first signal, or the run's own deadline, stops the tests: the run still sweeps and reports,
  // within CI's grace period. A deliberate second signal exits at once.
  const ledger = new Ledger(files.ledger);
  const stop = new RunStop(
    (reason) => {
      console.log(
        `\n${describeStop(reason)}: stopping the tests, deleting what the run created and writing the reports (a second Ctrl-C exits at once).`,
      );
      void vitest.cancelCurrentRun('keyboard-input');
    },
    () =>
      console.log(
        `\nExiting now, before the sweep has finished. ${whatMayBeLeft([
          ...ledger.outstanding().map((e) => `${e.id} ("${e.name}")`),
          ...ledger.unanswered().map((e) => `a peering named "${e.name}", if its unanswered create went through`),
        ])}`,
      ),
  );
  stop.listen();
  const runDeadline = setTimeout(() => stop.stop({ by: 'deadline', seconds: runDeadlineMs / 1000 }), runDeadlineMs);
  const testsEnded = vitest.start().then(() => true);
  // Once stopped, a test ends at its next request; one still waiting on the wire is left to finish
  // in its worker while the sweep waits for its answer.
  const ended = await Promise.race([testsEnded, stop.stopped.then(() => delay(TESTS_END_AFTER_STOP_MS)).then(() => false)]);
  if (ended) await vitest.close();
  clearTimeout(runDeadline);

  const {
    leaks: found,
    stuck,
    unfinished,
  } = await sweepRun(
    target,
    ledger,
    namePrefix(runId),
    {
      deadlineMs,
      settleMs,
      ...(stop.reason && { by: stop.stoppedAt + SWEEP_AFTER_STOP_MS }),
    },
    ownWire(),
  );
  ownRequests += ownExchanges.appendTo(files.exchanges, '(run) sweep');
  const stopped = stop.reason && describeStop(stop.reason);
  const retries = readRetries(runDir);
  const traffic = { ...readTraffic(runDir), byRun: ownRequests };
  const budgets = readBudgets(runDir);
  const recorded = writeHar(runDir, join(reportsDir, HAR_FILE));
  await opened.close();
  rmSync(runDir, { recursive: true, force: true });

  const problems = [
    ...(stuck.length ? [`the sweep could not delete ${stuckLine(stuck)}: delete them by hand`] : []),
    ...(unfinished.length ? [`the sweep ran out of time: ${whatMayBeLeft(unfinished)}`] : []),
  ];
  const summary: RunSummary = {
    runId,
    traceId,
    target: target.description,
    kind: target.kind,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    seed,
    profile: profile.name,
    propertyRuns,
    // After a stop, cancelled tests never ran their cleanup: what the sweep finds is expected.
    leaks: stopped ? [] : found,
    sweptAfterStop: stopped ? found : [],
    retries,
    traffic,
    budgets,
    ...(stopped && { stopped, stopReason: stop.reason }),
    ...(shard && { shard }),
    problems,
  };
  const judgement = judge({
    catalogue: loadCatalogue(),
    tests: collector.tests,
    stopped,
    sharded: shard !== undefined,
    ...(knownFailures && { knownFailures }),
    day: summary.startedAt.slice(0, 10),
    leaks: summary.leaks,
    problems,
  });
  const { requirements, reasons } = judgement;
  const changes = baseline && changesSince(baseline, requirements);
  writeReports(reportsDir, reportOf(judgement, summary, changes));

  console.log('');
  if (changes) for (const line of changeLines(changes)) console.log(line);
  console.log(`Requirements: ${resultCounts(requirements)}`);
  const notCheckedFor = (reason: string) => requirements.filter((r) => r.result === 'not checked' && r.why === reason);
  const unselected = notCheckedFor(NOT_SELECTED);
  const unreached = notCheckedFor(STOPPED_TEST);
  const otherShards = notCheckedFor(NOT_IN_SHARD);
  if (unselected.length) console.log(`  ${unselected.length} requirements not selected by -t or --requirement`);
  if (unreached.length) console.log(`  ${unreached.length} requirements not reached before the stop`);
  if (otherShards.length) console.log(`  ${otherShards.length} requirements checked by other shards only`);
  for (const r of requirements.filter(
    (r) => r.result === 'not checked' && ![unselected, unreached, otherShards].some((s) => s.includes(r)),
  ))
    console.log(`  not checked ${r.id} (${r.level}): ${r.why}`);
  for (const r of requirements.filter((r) => r.result === 'not applicable')) console.log(`  not applicable ${r.id}: ${r.why}`);
  for (const e of judgement.knownFailures) console.log(`  ${knownFailureLine(e)}`);
  for (const t of warnings(judgement)) console.log(`  warning (SHOULD/MAY only, does not fail the run): ${t.name}`);
  for (const r of requirements.filter((r) => r.result === 'not covered')) {
    console.log(
      `  not covered ${r.id} (${r.level})${r.level === 'MUST' ? '' : ': allowed for a ' + r.level + ' requirement, reported only'}`,
    );
  }
  const runSeconds = summary.durationMs / 1000;
  console.log(
    `  ${traffic.sent} requests, ${traffic.validated} responses validated against the document${readUnvalidated(traffic)}, in ${runSeconds.toFixed(1)} s (${Math.round(traffic.sent / runSeconds)} requests/s, ${(traffic.busyMs / summary.durationMs).toFixed(1)} in flight on average)`,
  );
  console.log(
    `  ${recorded} exchanges in ${join(reportsDir, HAR_FILE)} (HAR 1.2): the tests' ${traffic.sent} requests and the run's own ${traffic.byRun} (pre-flight, round trip, sweep)`,
  );
  for (const b of budgets) console.log(`  stopped by its time budget, past its minimum, not failed: ${budgetLine(b)}`);
  if (stopped) console.log(`  the sweep deleted ${found.length} peering(s) that the stopped tests had not cleaned up`);
  if (retries.total)
    console.log(
      `  ${retries.total} requests were retried after ${Object.entries(retries.byStatus)
        .map(([code, n]) => `${n} x ${code}`)
        .join(', ')}`,
    );
  console.log(`Reports: ${reportsDir}/conformance.md, ${reportsDir}/conformance.json, ${reportsDir}/junit.xml, ${reportsDir}/${HAR_FILE}`);
  const known = judgement.tests.filter((t) => t.known).length;
  const butKnown = known ? `, but for ${known} known failure(s),` : '';
  console.log(
    reasons.length ? `FAIL: ${reasons.join('; ')}` : `PASS: every applicable check passed${butKnown} and the run left nothing behind.`,
  );
  return exitCodeOf(stop.reason) ?? (reasons.length ? EXIT.failed : EXIT.passed);

  /** One sentence: what may still be on the target, and how to delete it. */
  function whatMayBeLeft(left: string[]): string {
    if (left.length === 0) return 'Nothing the run created is known to be left.';
    if (target.kind !== 'endpoint') return `Nothing is left: ${target.description} stops with the run.`;
    return `It may have left ${left.join(', ')}: npm run sweep -- --target ${targetArgument} deletes the peerings that carry a run's name.`;
  }
}

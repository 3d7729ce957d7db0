// One conformance run, from an open target to its result: the pre-flight checks the facts of a
// target file, vitest runs the suite in worker threads given the run's context (the workers tell
// the run what they do in one stream of events, src/run/run-files.ts), a stop (the caller's, or
// the run's own deadline) ends the tests, the sweep deletes what the run created, and the run
// returns what happened as data (src/run/run-result.ts), telling events as it goes. It prints
// nothing, never exits and listens to no signal: its callers (src/cli/conformance-command.ts,
// certify, docs, the bench, the self-tests) decide what a signal means, and judge and render the
// result. Several runs may share a process, one after another or at once: each has its own vitest,
// workers, directory and target.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { CliOptions, Vitest } from 'vitest/node';
import { ExchangeRecorder } from '../http/exchange-record.ts';
import { traceIdOf } from '../http/trace.ts';
import { Transport } from '../http/transport.ts';
import type { RunContext } from './context.ts';
import { preflight, PreflightStopped } from './preflight.ts';
import type { Profile } from './profiles.ts';
import type { RunEvent, RunResult, RunSummary } from './run-result.ts';
import { namePrefix, WorkerEvents } from './run-files.ts';
import { describeStop, type StopReason } from './run-stop.ts';
import { sweepRun, whatMayBeLeft } from './sweep.ts';
import { measureRoundTrip, type Target } from './target.ts';
import { ResultCollector } from './test-records.ts';

/** After a stop: how long the tests have to end, and by when the sweep must be done, so that the
 * reports are written before CI's SIGTERM, 7.5 s after its SIGINT. */
const TESTS_END_AFTER_STOP_MS = 2_000;
const SWEEP_AFTER_STOP_MS = 6_500;

/** What a run is asked to do: the target, which tests, how hard, with which seed, within which limits. */
export interface RunSettings {
  target: Target;
  seed: number;
  profile: Profile;
  propertyRuns: number;
  /** One case of a property to run again (PEERING_PATH), with the seed that found it. */
  replayPath?: string | undefined;
  /** Only the tests whose title matches this regular expression. */
  testNamePattern?: string | undefined;
  /** Only the tests of these requirements: a vitest tags expression over their IDs. */
  requirement?: string | undefined;
  /** "I/N": only the I-th of N parts of the suite's files. */
  shard?: string | undefined;
  /** Stop at the first failed test. */
  bail: boolean;
  /** Test files at once: against a distant endpoint the run is bound by latency, not by cores. */
  concurrency: number;
  deadlineMs: number;
  runDeadlineMs: number;
  settleMs: number;
  propertyBudgetMs: number;
  /** Whether a property shrinks the counterexample it finds before reporting it. */
  shrink: boolean;
}

export interface RunOptions {
  /** Aborted, with its StopReason, to stop the run. Before the tests start, the run ends with
   * PreflightStopped, once the peering the pre-flight had under way is deleted; after, the tests
   * stop, and the run sweeps and returns its result. */
  stop?: AbortSignal | undefined;
  /** Hears what the run tells as it goes. */
  onEvent?: (event: RunEvent) => void;
  /** Vitest's own progress display on this process's terminal, for a person watching: the one
   * thing a run ever draws. */
  showProgress?: boolean;
}

/** Runs the suite as `settings` say, against a target the caller opened (and closes). A target
 * that cannot be used is a StartupProblem, with one sentence. */
export async function runConformance(settings: RunSettings, options: RunOptions = {}): Promise<RunResult> {
  const runId = randomBytes(4).toString('hex');
  const runDir = mkdtempSync(join(tmpdir(), `peering-run-${runId}-`));
  try {
    return await runIn(runDir, runId, settings, options);
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

async function runIn(
  runDir: string,
  runId: string,
  settings: RunSettings,
  { stop, onEvent = () => {}, showProgress = false }: RunOptions,
): Promise<RunResult> {
  const { target, seed, profile, propertyRuns, testNamePattern, requirement, shard, bail, concurrency } = settings;
  const { deadlineMs, runDeadlineMs, settleMs, propertyBudgetMs } = settings;
  const startedAt = new Date();
  // What the workers tell, read as they tell it: the ledger while the tests run, all of it after.
  const told = new WorkerEvents(runDir);
  // The run's own requests (pre-flight, round trip, sweep) go into the HAR beside the tests', in
  // the run's trace, written down in the workers' stream. Each step has a wire of its own: what
  // one step's missed deadlines say of an operation is not carried into the next.
  const traceId = traceIdOf(runId);
  const ownExchanges = new ExchangeRecorder(`${runId}-run`);
  const ownWire = () => new Transport(ownExchanges, traceId);
  const writeOwnExchanges = (step: string) =>
    ownExchanges.handOver((record) => told.write({ type: 'exchanges', ...record }), `(run) ${step}`);

  // A stop during the pre-flight lets the peering under way be deleted, then ends the run before
  // any test starts.
  if (target.file)
    await preflight(target.serverUrl, target.tenants, target.file, {
      transport: ownWire(),
      namePrefix: namePrefix(runId),
      stopped: () => stop?.aborted === true,
    });
  if (stop?.aborted) throw new PreflightStopped();
  onEvent({ type: 'opened', runId, traceId, target: target.description });
  let ownRequests = writeOwnExchanges('pre-flight');
  const roundTripMs = await measureRoundTrip(target, ownWire());
  ownRequests += writeOwnExchanges('round trip');
  // No test is failed by the clock: a property stops starting runs at its budget, and the limit
  // leaves room for one more run, the waits of the settle window and the cleanup, at this round trip.
  const testTimeoutMs = propertyBudgetMs + 2 * settleMs + 400 * roundTripMs + deadlineMs;

  const collector = new ResultCollector(Boolean(testNamePattern || requirement), (failure) => onEvent({ type: 'test-failed', failure }));
  const vitest = await vitestOwningNoSignal({
    config: 'vitest.conformance.config.ts',
    watch: false,
    ...(testNamePattern && { testNamePattern }),
    ...(requirement && { tagsFilter: [requirement] }),
    ...(bail && { bail: 1 }),
    ...(shard && { shard }),
    maxWorkers: concurrency,
    testTimeout: testTimeoutMs,
    // The replayed case, and none whatever this process's environment says: runs sharing a
    // process each replay their own.
    env: { PEERING_PATH: settings.replayPath ?? '' },
    reporters: [...(showProgress ? ['default' as const] : []), collector],
  });
  if (stop?.aborted) {
    await vitest.close();
    throw new PreflightStopped();
  }
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
    shrink: settings.shrink,
    testTimeoutMs,
  };
  vitest.provide('runContext', context);
  const { ledger } = told;
  onEvent({ type: 'tests-starting', roundTripMs, ledger });

  // The caller's stop, or the run's own deadline, ends the tests: the run still sweeps and returns.
  let stopReason: StopReason | undefined;
  let stoppedAt = 0;
  let markStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  const stopTests = (reason: StopReason) => {
    if (stopReason) return;
    stopReason = reason;
    stoppedAt = Date.now();
    onEvent({ type: 'stopping', reason });
    // As a keypress cancels a run: the suite's fixture reads the reason (src/suite/api.ts).
    void vitest.cancelCurrentRun('keyboard-input');
    markStopped();
  };
  const onStop = () => stopTests(stop!.reason as StopReason);
  stop?.addEventListener('abort', onStop, { once: true });
  const runDeadline = setTimeout(() => stopTests({ by: 'deadline', seconds: runDeadlineMs / 1000 }), runDeadlineMs);
  const testsEnded = vitest.start().then(() => true);
  // Once stopped, a test ends at its next request; one still waiting on the wire is left to finish
  // in its worker while the sweep waits for its answer, and its worker is ended with the pool.
  const ended = await Promise.race([testsEnded, stopped.then(() => delay(TESTS_END_AFTER_STOP_MS)).then(() => false)]);
  clearTimeout(runDeadline);
  stop?.removeEventListener('abort', onStop);
  if (ended) await vitest.close();

  const { leaks, stuck, unfinished } = await sweepRun(
    target,
    ledger,
    namePrefix(runId),
    { deadlineMs, settleMs, ...(stopReason && { by: stoppedAt + SWEEP_AFTER_STOP_MS }) },
    ownWire(),
  );
  ownRequests += writeOwnExchanges('sweep');
  // A pool ended mid-test may complain of the tests it cut off: the run has its result already.
  if (!ended) vitest.close().catch(() => {});
  const stoppedBy = stopReason && describeStop(stopReason);
  const { traffic, retries, budgets, exchanges } = told.read();
  const run: RunSummary = {
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
    leaks: stoppedBy ? [] : leaks,
    sweptAfterStop: stoppedBy ? leaks : [],
    retries,
    traffic: { ...traffic, byRun: ownRequests },
    budgets,
    ...(stoppedBy && { stopped: stoppedBy, stopReason }),
    ...(shard && { shard }),
    problems: [
      ...(stuck.length ? [`the sweep could not delete ${stuckLine(stuck)}: delete them by hand`] : []),
      ...(unfinished.length ? [`the sweep ran out of time: ${whatMayBeLeft(target, unfinished)}`] : []),
    ],
  };
  // A copy: a pool ended after a stop may still report to the collector.
  return { run, tests: [...collector.tests], exchanges };
}

/** A vitest for the run, without the signal handlers it installs: on SIGINT or SIGTERM vitest
 * exits the process 1 ms later, and a run never exits; its caller decides what a signal means. */
async function vitestOwningNoSignal(options: CliOptions): Promise<Vitest> {
  const { createVitest } = await import('vitest/node');
  const before = new Map((['SIGINT', 'SIGTERM'] as const).map((signal) => [signal, process.listeners(signal)]));
  const vitest = await createVitest('test', options);
  for (const [signal, listeners] of before)
    for (const added of process.listeners(signal).filter((l) => !listeners.includes(l))) process.off(signal, added);
  return vitest;
}

/** What the sweep could not delete, one clause: those that failed alike share their reason. */
function stuckLine(stuck: { what: string; why: string }[]): string {
  const whys = [...new Set(stuck.map((s) => s.why))];
  return whys.map((why) => `${stuck.flatMap((s) => (s.why === why ? [s.what] : [])).join(', ')} (${why})`).join('; ');
}

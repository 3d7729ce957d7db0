// Resolves the target, runs the conformance suite against it, sweeps what the run created and
// writes the reports. Exit 0: every applicable check passed; 1: something failed or leaked;
// 2: the run could not start, with one sentence saying what to fix.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { loadCatalogue } from '../src/document/document.ts';
import { Ledger } from '../src/run/ledger.ts';
import {
  budgetLine,
  outcomes,
  readBudgets,
  readRetries,
  readTraffic,
  verdict,
  warnings,
  writeReports,
  type RunSummary,
} from '../src/reports/reports.ts';
import { FailuresOnly } from '../src/reports/failures-only.ts';
import { NOT_SELECTED, ResultCollector, STOPPED_TEST } from '../src/reports/results.ts';
import { namePrefix, runFiles } from '../src/run/run-files.ts';
import { describeStop, exitCodeOf, RunStop } from '../src/run/run-stop.ts';
import { sweepRun } from '../src/run/sweep.ts';
import { measureRoundTrip, openTarget, StartupProblem } from '../src/run/target.ts';
import { EXIT, parseOptions, stopWith, type ExitCode } from '../src/cli/command-line.ts';
import { PROFILES, PROPERTY_BUDGET_MS, type Profile } from '../src/run/profiles.ts';
import type { RunContext } from '../src/suite/api.ts';

const { values: options } = parseOptions({
  command: 'npm run conformance',
  summary:
    'Runs the conformance suite against a target (the embedded reference emulator unless told otherwise), deletes what the run created and writes the reports. Exit 0: every applicable check passed and nothing was left behind; 1: a check failed or something was left; 2: the run could not start, with one sentence saying what to fix.',
  options: {
    target: {
      type: 'string',
      value: 'prism|FILE',
      description:
        "what to test: Prism's mock of the document (stateless checks only), or the endpoint a target file names (default: $PEERING_TARGET, else the embedded emulator)",
    },
    'via-prism': {
      type: 'boolean',
      default: false,
      description: "put Prism's validating proxy in front of the target, as a second validator",
    },
    requirement: {
      type: 'string',
      short: 'r',
      value: 'ID|EXPR',
      description:
        "run only the tests that check these requirements: an ID (PEER-CREATE-004), a pattern ('PEER-LIST-*') or an expression of them ('!PEER-RACE-*', 'PEER-CREATE-004 || PEER-CREATE-005')",
    },
    'test-name-pattern': {
      type: 'string',
      short: 't',
      value: 'PATTERN',
      description: 'run only the tests whose title matches this regular expression',
    },
    seed: {
      type: 'string',
      value: 'N',
      description: 'the seed of the generated cases, to replay a run (default: $PEERING_SEED, else a random one)',
    },
    reports: {
      type: 'string',
      value: 'DIR',
      default: 'reports',
      description: 'where junit.xml, conformance.json and conformance.md are written',
    },
    'emulator-variant': {
      type: 'string',
      value: 'NAME',
      description: 'test a variant of the embedded emulator: tolerant, independent, a fault, or a mutant (npm run mutants -- --list)',
    },
    bail: { type: 'boolean', default: false, description: 'stop at the first failed test' },
    'request-timeout': { type: 'string', value: 'SECONDS', default: '30', description: 'the deadline of every request' },
    'run-timeout': {
      type: 'string',
      value: 'SECONDS',
      default: '3600',
      description: 'the deadline of the whole run, after which it stops, sweeps and reports',
    },
    profile: {
      type: 'string',
      value: 'quick|full|deep',
      default: 'full',
      description: 'how hard the generated tests search: cases per property and the length of lifecycles',
    },
    'emulator-latency': {
      type: 'string',
      value: 'MS',
      default: '0',
      description: 'the embedded emulator answers every request this many milliseconds late',
    },
    'emulator-eventual': {
      type: 'boolean',
      default: false,
      description: 'the embedded emulator is eventually consistent: deletes complete in the background and lists lag',
    },
    'emulator-page-size': {
      type: 'string',
      value: 'N',
      description: 'the embedded emulator answers at most N peerings a page, whatever the limit asked',
    },
    'settle-timeout': {
      type: 'string',
      value: 'SECONDS',
      default: '60',
      description: 'how long a read that may lag behind a write is tried again until it agrees',
    },
    'property-budget': {
      type: 'string',
      value: 'SECONDS',
      default: String(PROPERTY_BUDGET_MS / 1000),
      description: 'after this long a property starts no more cases; its completed cases are what it checked',
    },
    concurrency: {
      type: 'string',
      value: 'N',
      default: '4',
      description: 'test files run at once; VPC-pair leases keep them from colliding',
    },
  },
});

const REPORTS_DIR = options.reports;
if (options.requirement) checkRequirementFilter(options.requirement);
const seedText = options.seed ?? process.env.PEERING_SEED;
const seed = seedText === undefined ? randomInt(2 ** 31) : Number(seedText);
if (!Number.isInteger(seed)) stopWith(`The seed must be a whole number, not "${seedText}".`);
const profile = PROFILES[options.profile as Profile['name']] ?? stopWith(`--profile is quick, full or deep, not "${options.profile}".`);
const propertyRuns = Number(process.env.PEERING_PROPERTY_RUNS ?? profile.propertyRuns);
const seconds = (option: 'request-timeout' | 'run-timeout' | 'settle-timeout' | 'property-budget') => {
  const value = Number(options[option]);
  return value > 0 ? value * 1000 : stopWith(`--${option} must be a number of seconds above 0, not "${options[option]}".`);
};
const deadlineMs = seconds('request-timeout');
const concurrency = Number(options.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1)
  stopWith(`--concurrency must be a whole number of at least 1, not "${options.concurrency}".`);
const runDeadlineMs = seconds('run-timeout');
const pageSize = options['emulator-page-size'] === undefined ? undefined : Number(options['emulator-page-size']);
if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0))
  stopWith(`--emulator-page-size must be a whole number above 0, not "${options['emulator-page-size']}".`);
const settleMs = seconds('settle-timeout');
const propertyBudgetMs = seconds('property-budget');

/** After a stop: how long the tests have to end, and by when the sweep must be done, so that the
 * reports are written before CI's SIGTERM, 7.5 s after its SIGINT. */
const TESTS_END_AFTER_STOP_MS = 2_000;
const SWEEP_AFTER_STOP_MS = 6_500;

const startedAt = new Date();
const runId = randomBytes(4).toString('hex');
const runDir = mkdtempSync(join(tmpdir(), `peering-run-${runId}-`));

const targetArgument = options.target ?? process.env.PEERING_TARGET;
const opened = await openTarget(targetArgument, {
  viaPrism: options['via-prism'],
  latencyMs: Number(options['emulator-latency']),
  eventual: options['emulator-eventual'],
  ...(pageSize && { pageSize }),
  ...(options['emulator-variant'] && { variant: options['emulator-variant'] }),
}).catch((error: unknown) => stopWith(error instanceof StartupProblem ? error.message : `Could not start: ${(error as Error).message}`));
const { target } = opened;

console.log(`Conformance run ${runId} against ${target.description}`);
console.log(
  `Profile ${profile.name}: ${propertyRuns} runs per property, lifecycles of up to ${profile.lifecycleLength} operations. Seed ${seed} (replay with PEERING_SEED=${seed})`,
);
const roundTripMs = await measureRoundTrip(target);
// No test is failed by the clock: a property stops starting runs at its budget, and the limit
// leaves room for one more run, the waits of the settle window and the cleanup, at this round trip.
const testTimeoutMs = propertyBudgetMs + 2 * settleMs + 400 * roundTripMs + deadlineMs;
console.log(
  `Round trip ${Math.round(roundTripMs)} ms; reads that may lag are retried for up to ${settleMs / 1000} s (--settle-timeout); each property stops starting runs after ${propertyBudgetMs / 1000} s (--property-budget)`,
);

const collector = new ResultCollector();
const { createVitest } = await import('vitest/node');
const vitest = await createVitest('test', {
  config: 'vitest.conformance.config.ts',
  watch: false,
  ...(options['test-name-pattern'] && { testNamePattern: options['test-name-pattern'] }),
  ...(options.requirement && { tagsFilter: [options.requirement] }),
  ...(options.bail && { bail: 1 }),
  // Test files run in this many workers at once: against a distant endpoint the run is bound by
  // latency, not by cores. VPC-pair leases keep them from colliding.
  maxWorkers: concurrency,
  testTimeout: testTimeoutMs,
  // A person at a terminal sees progress; a CI log only failures and the summary.
  reporters: [
    process.stdout.isTTY && !process.env.CI ? 'default' : new FailuresOnly(),
    ['junit', { outputFile: join(REPORTS_DIR, 'junit.xml') }],
    collector,
  ],
});
const context: RunContext = {
  target,
  runId,
  runDir,
  seed,
  propertyRuns,
  lifecycleLength: profile.lifecycleLength,
  deadlineMs,
  settleMs,
  propertyBudgetMs,
  testTimeoutMs,
};
vitest.provide('runContext', context);

// A first signal, or the run's own deadline, stops the tests: the run still sweeps and reports,
// within CI's grace period. A deliberate second signal exits at once.
const ledger = new Ledger(runFiles(runDir).ledger);
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
} = await sweepRun(target, ledger, namePrefix(runId), {
  deadlineMs,
  settleMs,
  ...(stop.reason && { by: stop.stoppedAt + SWEEP_AFTER_STOP_MS }),
});
const stopped = stop.reason && describeStop(stop.reason);
const retries = readRetries(runDir);
const traffic = readTraffic(runDir);
const budgets = readBudgets(runDir);
await opened.close();
rmSync(runDir, { recursive: true, force: true });

const summary: RunSummary = {
  runId,
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
};
const requirements = outcomes(loadCatalogue(), collector.tests, stopped !== undefined);
const reasons = verdict(requirements, collector.tests, summary);
if (stuck.length) reasons.push(`the sweep could not delete: ${stuck.join(', ')}: delete them by hand`);
if (unfinished.length) reasons.push(`the sweep ran out of time: ${whatMayBeLeft(unfinished)}`);
if (stopped) reasons.unshift(`${stopped}, before every test had run`);
writeReports(REPORTS_DIR, requirements, summary, reasons);

const count = (result: string) => requirements.filter((r) => r.result === result).length;
console.log(
  `\nRequirements: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped, ${count('not covered')} not covered`,
);
const skippedFor = (reason: string) => requirements.filter((r) => r.result === 'skipped' && r.why === reason);
const unselected = skippedFor(NOT_SELECTED);
const unreached = skippedFor(STOPPED_TEST);
if (unselected.length) console.log(`  ${unselected.length} requirements not selected by -t or --requirement`);
if (unreached.length) console.log(`  ${unreached.length} requirements not reached before the stop`);
for (const r of requirements.filter((r) => r.result === 'skipped' && !unselected.includes(r) && !unreached.includes(r)))
  console.log(`  skipped ${r.id}: ${r.why}`);
for (const t of warnings(requirements, collector.tests)) console.log(`  warning (SHOULD/MAY only, does not fail the run): ${t.name}`);
for (const r of requirements.filter((r) => r.result === 'not covered')) {
  console.log(
    `  not covered ${r.id} (${r.level})${r.level === 'MUST' ? '' : ': allowed for a ' + r.level + ' requirement, reported only'}`,
  );
}
const runSeconds = summary.durationMs / 1000;
// Not every request gets a validated answer: retried attempts and ones without an answer have
// none, and the tests of the document's own rules read theirs unvalidated (api.unvalidated).
const unvalidated = traffic.sent > traffic.validated ? ' (the others were retried, unanswered, or checked by the tests themselves)' : '';
console.log(
  `  ${traffic.sent} requests, ${traffic.validated} responses validated against the document${unvalidated}, in ${runSeconds.toFixed(1)} s (${Math.round(traffic.sent / runSeconds)} requests/s, ${(traffic.busyMs / summary.durationMs).toFixed(1)} in flight on average)`,
);
for (const b of budgets) console.log(`  stopped by its time budget, not failed: ${budgetLine(b)}`);
if (stopped) console.log(`  the sweep deleted ${found.length} peering(s) that the stopped tests had not cleaned up`);
if (retries.total)
  console.log(
    `  ${retries.total} requests were retried after ${Object.entries(retries.byStatus)
      .map(([code, n]) => `${n} x ${code}`)
      .join(', ')}`,
  );
console.log(`Reports: ${REPORTS_DIR}/conformance.md, ${REPORTS_DIR}/conformance.json, ${REPORTS_DIR}/junit.xml`);
console.log(reasons.length ? `FAIL: ${reasons.join('; ')}` : 'PASS: every applicable check passed and the run left nothing behind.');
const exitCode: ExitCode = exitCodeOf(stop.reason) ?? (reasons.length ? EXIT.failed : EXIT.passed);
process.exit(exitCode);

/** One sentence: what may still be on the target, and how to delete it. */
function whatMayBeLeft(left: string[]): string {
  if (left.length === 0) return 'Nothing the run created is known to be left.';
  if (target.kind !== 'endpoint') return `Nothing is left: ${target.description} stops with the run.`;
  return `It may have left ${left.join(', ')}: npm run sweep -- --target ${targetArgument} deletes the peerings that carry a run's name.`;
}

/** Every ID or pattern the filter names matches some requirement: vitest would fail every file. */
function checkRequirementFilter(expression: string): void {
  const ids = loadCatalogue()
    .filter((r) => !r.withdrawn)
    .map((r) => r.id);
  for (const word of expression.split(/[\s()!&|]+/).filter((w) => w && !/^(and|or|not)$/i.test(w))) {
    const pattern = new RegExp(`^${word.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
    if (!ids.some((id) => pattern.test(id)))
      stopWith(`--requirement names "${word}", which matches no requirement of openapi/requirements.yaml.`);
  }
}

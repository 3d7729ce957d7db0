// `npm run conformance` as a function: its arguments in, its exit status and report out, its
// console lines to `print`. It opens the target, runs the suite (src/run/conformance-run.ts), judges
// the result (src/verdict/), writes the reports and prints the summary (src/reports/). The entry
// point (scripts/conformance.ts) gives it the process's console, environment and signals; certify
// and docs run it in their own process, and the self-tests with a buffer for a console.
import { EXIT, BadInput, type ExitCode } from './command-line.ts';
import { runConformance } from '../run/conformance-run.ts';
import { PreflightStopped } from '../run/preflight.ts';
import type { StopReason } from '../run/run-stop.ts';
import { StartupProblem } from '../run/startup-problem.ts';
import { leftByLedger, whatMayBeLeft } from '../run/sweep.ts';
import type { OpenTarget } from '../run/target.ts';
import { changesSince } from '../verdict/baseline.ts';
import { judgeRun, liveOn } from '../verdict/judgement.ts';
import {
  exitNowLine,
  failureReport,
  openingLines,
  preflightStopLine,
  roundTripLine,
  stoppingLine,
  summaryLines,
} from '../reports/console.ts';
import { reportOf, writeRunReports, type ConformanceReport } from '../reports/reports.ts';
import { conformanceSettings } from './conformance-options.ts';
import { exitCodeOf, SignalStop } from './signals.ts';
import { openTarget, type StartEmulator } from './targets.ts';

/** Where the command reads and writes, and what it is given that it cannot make itself. */
export interface CommandIo {
  /** One line of the console: stdout, or a self-test's buffer. */
  print(line: string): void;
  /** The one sentence of a run that cannot start: stderr, or a self-test's buffer. */
  printError(sentence: string): void;
  /** Where PEERING_TARGET, PEERING_SEED, PEERING_PATH, PEERING_PROPERTY_RUNS and the secrets a target
   * file names are read. */
  env: NodeJS.ProcessEnv;
  /** A person watches at a terminal: vitest draws its progress. Otherwise, as in CI, only failures
   * are printed as they happen, then the summary. */
  atTerminal: boolean;
  /** Starts the embedded emulator (emulator/embedded.ts): handed in, since no layer of src/
   * imports the emulator. */
  startEmulator: StartEmulator;
  /** The process's signals, as a stop; none, and only the run's deadline stops it. */
  signals?: SignalStop;
}

/** The io of a command a person or CI started: this process's console, environment and signals. */
export function processIo(startEmulator: StartEmulator): CommandIo {
  // A reader that is gone must not end the run before it has deleted what it created: the Ctrl-C
  // that stops `npm run conformance | tee log` ends tee as well, and the run's next line would
  // fail with EPIPE, unhandled. What is printed after that is lost; the reports still are written.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  return {
    print: (line) => console.log(line),
    printError: (sentence) => console.error(sentence),
    env: process.env,
    atTerminal: Boolean(process.stdout.isTTY) && !process.env.CI,
    startEmulator,
    signals: new SignalStop().listen(),
  };
}

export interface CommandOutcome {
  code: ExitCode;
  /** What conformance.json holds, once the run got that far. */
  report?: ConformanceReport;
}

export async function conformanceCommand(args: string[], io: CommandIo): Promise<CommandOutcome> {
  const { print, printError, env, atTerminal, signals } = io;
  const cannotStart = (sentence: string): CommandOutcome => {
    printError(sentence);
    return { code: EXIT.cannotStart };
  };
  let settings;
  try {
    settings = conformanceSettings(args, env);
  } catch (error) {
    if (error instanceof BadInput) return cannotStart(error.message);
    throw error;
  }
  if ('usage' in settings) {
    print(settings.usage);
    return { code: EXIT.passed };
  }
  const { targetArgument, targetOptions, reportsDir, knownFailures, baseline } = settings;
  let opened: OpenTarget;
  try {
    opened = await openTarget(targetArgument, targetOptions, io.startEmulator, env);
  } catch (error) {
    return cannotStart(error instanceof StartupProblem ? error.message : `Could not start: ${(error as Error).message}`);
  }
  const run = { ...settings.run, target: opened.target };
  const stopReason = () => signals?.signal.reason as StopReason | undefined;
  // Until the tests start, a signal ends the run once the pre-flight's peering under way is
  // deleted; then it stops the tests, and the run sweeps and reports.
  let testsStarted = false;
  const duringPreflight = () => {
    if (!testsStarted) print(preflightStopLine(stopReason()!));
  };
  signals?.signal.addEventListener('abort', duringPreflight, { once: true });
  const live = liveOn(knownFailures ?? [], new Date().toISOString().slice(0, 10));
  try {
    const result = await runConformance(run, {
      stop: signals?.signal,
      showProgress: atTerminal,
      onEvent: (event) => {
        if (event.type === 'opened') openingLines(event, run).forEach((line) => print(line));
        if (event.type === 'tests-starting') {
          testsStarted = true;
          print(roundTripLine(event.roundTripMs, run));
          if (signals) signals.lastWords = () => print(exitNowLine(whatMayBeLeft(opened.target, leftByLedger(event.ledger))));
        }
        if (event.type === 'test-failed' && !atTerminal) print(failureReport(event.failure, live));
        if (event.type === 'stopping') print(stoppingLine(event.reason));
      },
    });
    const judgement = judgeRun(result, knownFailures);
    const changes = baseline && changesSince(baseline, judgement.requirements);
    const report = reportOf(judgement, result.run, changes);
    const recorded = writeRunReports(reportsDir, report, result);
    for (const line of summaryLines(result.run, judgement, { changes, reportsDir, recorded })) print(line);
    return { code: exitCodeOf(result.run.stopReason) ?? (judgement.reasons.length ? EXIT.failed : EXIT.passed), report };
  } catch (error) {
    if (error instanceof PreflightStopped) return { code: exitCodeOf(stopReason()) ?? EXIT.failed };
    if (error instanceof StartupProblem) return cannotStart(error.message);
    throw error;
  } finally {
    // Past the run, a later signal has nothing of it to name.
    signals?.signal.removeEventListener('abort', duringPreflight);
    if (signals) signals.lastWords = () => {};
    await opened.close();
  }
}

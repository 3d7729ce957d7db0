// Runs a fast-check property inside a conformance test: the run's seed (or a replayed seed and
// path), the profile's number of runs, cleanup between runs, and a failure that prints the
// shrunk counterexample's exchange with the seed and path that replay it.
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { TestRunner } from 'vitest';
import type { Api } from './api.ts';
import { runContext } from './api.ts';
import { ConformanceFailure, isFailureRecord, namesOf, replayOf } from '../reports/failure.ts';
import { RunStopped } from '../run/run-stop.ts';
import { runFiles } from '../run/run-files.ts';

export async function holds<Ts extends [unknown, ...unknown[]]>(
  api: Api,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => Promise<void>,
): Promise<void> {
  // Past the budget, or once the run is stopped, a run does nothing, so no new run reaches the
  // server: a distant endpoint gets fewer runs, never a failure. A run under way always finishes
  // (fast-check's own time limit abandons it mid-flight, requests and all), and shrinking a
  // failure stops at the budget too, keeping the smallest counterexample it has really seen fail.
  const started = Date.now();
  let completed = 0;
  const withinBudget = async (...args: Ts) => {
    if (Date.now() - started > runContext.propertyBudgetMs || api.runStopped) return;
    await predicate(...args);
    completed++;
  };
  const property = fc.asyncProperty(...arbitraries, withinBudget).afterEach(() => api.cleanup());
  const path = process.env.PEERING_PATH;
  const details = await fc.check(property, { seed: runContext.seed, numRuns: runContext.propertyRuns, ...(path && { path }) });
  const test = TestRunner.getCurrentTest();
  const title = test?.name ?? '';
  if (!details.failed && completed < details.numRuns && !api.runStopped) {
    const budget = {
      test: test?.fullTestName ?? title,
      ids: test?.tags ?? [],
      runs: completed,
      of: details.numRuns,
      budgetMs: runContext.propertyBudgetMs,
    };
    appendFileSync(runFiles(runContext.runDir).budgets, JSON.stringify(budget) + '\n');
  }
  if (!details.failed) return;

  const cause = details.errorInstance;
  // A run cut short by the run's stop proved nothing: it is no counterexample, and the reports
  // must see the stop, not a failure.
  if ((cause as Error | undefined)?.name === 'RunStopped') throw new RunStopped();
  // A path belongs to one property, so the replay selects exactly this test by its names.
  const replay = `seed=${details.seed} path="${details.counterexamplePath}"   PEERING_SEED=${details.seed} PEERING_PATH="${details.counterexamplePath}" ${replayOf(test ? namesOf(test) : title)}`;
  const counterexample = `counterexample after ${details.numRuns} runs and ${details.numShrinks} shrinks: ${fc.stringify(details.counterexample)}`;
  if (isFailureRecord(cause)) {
    throw new ConformanceFailure({ ...cause.details, title: `${cause.details.title} (${counterexample})`, replay });
  }
  throw new ConformanceFailure({ title: `${cause instanceof Error ? cause.message : String(cause)} (${counterexample})`, replay });
}

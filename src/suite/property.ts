// Runs a fast-check property inside a conformance test: the run's seed (or a replayed seed and
// path), the profile's number of runs, cleanup between runs, and a failure that prints the
// shrunk counterexample's exchange with the seed and path that replay it. How many cases it
// completed is the evidence it gives: fewer than the run's minimum leaves its requirements not
// checked, never passed.
import fc from 'fast-check';
import { TestRunner } from 'vitest';
import type { Api } from './api.ts';
import { runContext } from './api.ts';
import { recordProperty } from './evidence.ts';
import { ConformanceFailure, isFailureRecord, namesOf, replayOf } from '../http/failure.ts';
import { RunStopped } from '../run/run-stop.ts';
import { notRunBy } from '../run/suite-trouble.ts';
import { eventWriter } from '../run/run-files.ts';

/** Tells the run of a property its budget stopped. */
const tell = eventWriter(runContext.runDir);

export async function holds<Ts extends [unknown, ...unknown[]]>(
  api: Api,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => Promise<void>,
  /** Cases run first, every time: the boundaries a rule's breach is most likely found at, which a
   * property cut short by its budget (ten cases against a slow cloud) could otherwise miss. */
  boundaries: Ts[] = [],
): Promise<void> {
  // Past the budget, or once the run is stopped, a run does nothing, so no new run reaches the
  // server. The budget never stops a property short of its minimum. A run under way always
  // finishes (fast-check's own time limit abandons it mid-flight, requests and all), and shrinking
  // a failure stops at the budget too, keeping the smallest counterexample it has really seen fail.
  const started = Date.now();
  const { propertyRuns, minimumPropertyRuns, propertyBudgetMs, shrink } = runContext;
  const path = process.env.PEERING_PATH;
  // A replayed path runs one case on purpose: it is held to that one.
  const minimum = path ? 1 : Math.min(minimumPropertyRuns, propertyRuns);
  let completed = 0;
  let shrinking = false;
  const withinBudget = async (...args: Ts) => {
    if (((completed >= minimum || shrinking) && Date.now() - started > propertyBudgetMs) || api.runStopped) return;
    try {
      await predicate(...args);
    } catch (error) {
      shrinking = true;
      throw error;
    }
    completed++;
  };
  const property = fc.asyncProperty(...arbitraries, withinBudget).afterEach(() => api.cleanup());
  const details = await fc.check(property, {
    seed: runContext.seed,
    numRuns: propertyRuns,
    ...(path && { path }),
    examples: boundaries,
    // Unshrunk, the counterexample is the case that first failed, and its path still replays it.
    endOnFailure: !shrink,
  });
  const test = TestRunner.getCurrentTest();
  const title = test?.name ?? '';
  const cutShort = !details.failed && completed < details.numRuns && !api.runStopped;
  recordProperty({
    completed,
    of: details.numRuns,
    minimum,
    budgetMs: propertyBudgetMs,
    ...(cutShort && { cutShortBy: 'budget' as const }),
  });
  if (cutShort) {
    tell({
      type: 'budget',
      test: test?.fullTestName ?? title,
      ids: test?.tags ?? [],
      runs: completed,
      of: details.numRuns,
      minimum,
      budgetMs: propertyBudgetMs,
    });
  }
  if (!details.failed) return;

  const cause = details.errorInstance;
  // A run cut short by the run's stop proved nothing, and the suite's own trouble (a pair it could
  // not lease) is no counterexample: the reports must see them as they are, not as the server's failure.
  if ((cause as Error | undefined)?.name === 'RunStopped') throw new RunStopped();
  if (cause instanceof Error && notRunBy(cause)) throw cause;
  // A path belongs to one property, so the replay selects exactly this test by its names.
  const replay = `seed=${details.seed} path="${details.counterexamplePath}"   PEERING_SEED=${details.seed} PEERING_PATH="${details.counterexamplePath}" ${replayOf(test ? namesOf(test) : title)}`;
  const counterexample = `counterexample after ${details.numRuns} runs and ${details.numShrinks} shrinks: ${fc.stringify(details.counterexample)}`;
  if (isFailureRecord(cause)) {
    throw new ConformanceFailure({ ...cause.details, title: `${cause.details.title} (${counterexample})`, replay });
  }
  throw new ConformanceFailure({ title: `${cause instanceof Error ? cause.message : String(cause)} (${counterexample})`, replay });
}

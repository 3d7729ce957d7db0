// A failing property prints the seed and path that replay it; replayed, the same case fails on
// the first run, with no search and no shrinking.
import { expect, it } from 'vitest';
import { runConformance } from './support/in-process.ts';

it('replays a failing property from its printed seed and path on the first run', { timeout: 60_000 }, async () => {
  const mutant = ['--emulator-variant', 'name-65-accepted'];
  const first = await runConformance([...mutant, '-t', 'accepts exactly the names of 1 to 64']);
  expect(first.code).toBe(1);
  const [, seed, path, pattern] =
    /PEERING_SEED=(\d+) PEERING_PATH="([\d:]+)" npm run conformance -- -t '([^']+)'/.exec(first.stdout + first.stderr) ?? [];
  expect(seed, 'the failure prints a replay command').toBeDefined();
  const counterexample = (text: string) =>
    /counterexample after (\d+) runs and \d+ shrinks: \[("(?:same|cross)","cf-[0-9a-f]{8}-[^"]*")\]/.exec(text);

  const again = await runConformance([...mutant, '-t', pattern!], { PEERING_SEED: seed, PEERING_PATH: path });
  expect(again.code).toBe(1);
  const [, runs, replayed] = counterexample(again.stdout + again.stderr) ?? [];
  expect(runs).toBe('1');
  // The same pair kind and name; the run id in the name is each run's own.
  const withoutRunId = (text: string | undefined) => text?.replace(/cf-[0-9a-f]{8}-/, 'cf-');
  expect(withoutRunId(replayed)).toBe(withoutRunId(counterexample(first.stdout + first.stderr)?.[2]));
});

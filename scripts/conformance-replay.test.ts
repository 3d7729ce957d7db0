// A failing property prints the seed and path that replay it; replayed, the same case fails on
// the first run, with no search and no shrinking. With --no-shrink, the case that first failed is
// reported as it is, and its path replays it too.
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

it('with --no-shrink reports the case that first failed, and its path replays it', { timeout: 60_000 }, async () => {
  // A property with no boundary cases: its first counterexample is a generated one, which shrinks.
  const mutant = ['--emulator-variant', 'name-truncated', '-t', 'returns an accepted name unchanged'];
  const seed = { PEERING_SEED: '42' };
  const unshrunk = await runConformance([...mutant, '--no-shrink'], seed);
  expect(unshrunk.code).toBe(1);
  const found = /counterexample after (\d+) runs and (\d+) shrinks: (.*)\)/.exec(unshrunk.stdout);
  expect(found?.[2], 'no case is shrunk').toBe('0');
  expect(unshrunk.stdout).toContain("a property's counterexample is reported as found, unshrunk (--no-shrink)");
  const shrunk = await runConformance(mutant, seed);
  expect(/counterexample after \d+ runs and (\d+) shrinks/.exec(shrunk.stdout)?.[1], 'the same seed shrinks without it').not.toBe('0');
  const [, path] = /PEERING_PATH="([\d:]+)"/.exec(unshrunk.stdout) ?? [];
  const again = await runConformance(mutant, { ...seed, PEERING_PATH: path! });
  expect(/counterexample after (\d+) runs and \d+ shrinks: (.*)\)/.exec(again.stdout)?.slice(1, 2)).toEqual(['1']);
});

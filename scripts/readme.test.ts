// No stale docs: every command the README gives is exercised, by .ci/run, by a test that
// really uses it (checked by the evidence it must contain), or here, each in a process of its own,
// as the README's reader types it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScript, scratchDir } from './support/child-scripts.ts';

const readme = readFileSync('README.md', 'utf8');
/** What CI runs: .ci/run without its comments, which may name a command they do not run. */
const ciRun = readFileSync('.ci/run', 'utf8').replace(/^\s*#.*$/gm, '');

/** Every `npm ...` command the README shows, in shell blocks or inline. */
const commands = new Set([
  ...[...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap(([, block]) =>
    block!
      .split('\n')
      .map((l) => l.split('#')[0]!.trim())
      .filter(Boolean),
  ),
  ...[...readme.matchAll(/`(npm (?:run|ci|test)[^`]*)`/g)].map(([, command]) => command!.trim()),
]);

/** Commands other files exercise, and what in them proves it. */
const ELSEWHERE: Record<string, [file: string, evidence: string]> = {
  'npm ci && npm run conformance': ['scripts/conformance.test.ts', 'runConformance([])'],
  'npm ci && npm test': ['.ci/run', 'npm test'],
  'npm test': ['.ci/run', 'npm test'],
  'npm ci': ['.ci/run', 'npm ci'],
  'npm run conformance': ['scripts/conformance.test.ts', 'runConformance([])'],
  'npm run conformance -- --target prism': ['scripts/conformance.test.ts', "['--target', 'prism']"],
  'npm run conformance -- --target target.json': ['scripts/conformance.test.ts', "'--target', target"],
  'npm run conformance -- --target target.json --via-prism': ['scripts/conformance.test.ts', "'--via-prism'"],
  'npm run mutants': ['.ci/run', 'npm run mutants'],
  'npm run mutants -- --eventual': ['.ci/run', 'npm run mutants -- --eventual'],
  'npm run sources -- check ../virtual-private-cloud': ['scripts/sources.test.ts', "sources('check', docs"],
  'npm run emulator -- --eventual --latency 150 --write-target target.json': [
    'emulator/main.test.ts',
    "startStandaloneEmulator(['--eventual', '--latency', '150'])",
  ],
  'npm run emulator -- --port 8080 --write-target target.json': ['emulator/main.test.ts', 'startStandaloneEmulator()'],
  'npm run docs': ['scripts/docs.test.ts', "'scripts/docs.ts'"],
  'npm run certify -- --target target.json': ['scripts/certify.test.ts', "runScript('scripts/certify.ts', ['--target'"],
  'npm run verify-bundle -- certification/<date>.tar.gz': ['scripts/certify.test.ts', '`${bundle}.tar.gz`'],
  'npm run sweep -- --target target.json': ['src/run/sweep.test.ts', "sweep(['--target', file])"],
  'npm run generate': ['src/document/generated.test.ts', 'renderTypes()'],
  'npm run emulator': ['emulator/main.test.ts', 'startStandaloneEmulator()'],
  'npm run conformance -- --help': ['scripts/help.test.ts', "'--help'"],
  'npm run lint': ['package.json', '"test": "npm run lint && vitest run"'],
  'npm run conformance -- --target ci/staging-target.json --known-failures ci/known-failures.yaml --baseline last/conformance.json': [
    'scripts/conformance-known-failures.test.ts',
    "'--known-failures', live, '--baseline'",
  ],
  'npm run conformance -- --target shard-1.json --shard 1/2 --reports shard-1': ['scripts/merge-reports.test.ts', "'--shard', '1/2'"],
  'npm run conformance -- --target shard-2.json --shard 2/2 --reports shard-2': ['scripts/merge-reports.test.ts', "'--shard', '2/2'"],
  'npm run merge-reports -- shard-1 shard-2': ['scripts/merge-reports.test.ts', 'mergeReports(good.map((r) => r.reportsDir))'],
  'npm run merge-reports -- good=shard-1 good=shard-2 broken=other-1 broken=other-2': [
    'scripts/merge-reports.test.ts',
    '...broken.map((r) => `broken=${r.reportsDir}`)',
  ],
};

/** Commands run here, cheaply: filtered to one small test where they run the suite. */
const HERE: Record<string, { args: string[]; code: number; shows: string }> = {
  'npm run conformance -- --requirement PEER-CREATE-004': {
    args: ['scripts/conformance.ts', '--requirement', 'PEER-CREATE-004'],
    code: 0,
    shows: 'PASS',
  },
  'npm run conformance -- --emulator-variant status-lowercase': {
    args: ['scripts/conformance.ts', '--emulator-variant', 'status-lowercase', '--requirement', 'PEER-SHOW-001'],
    code: 1,
    shows: 'breaks PEER-OBJ-003',
  },
  'npm run conformance -- --profile quick': {
    args: ['scripts/conformance.ts', '--profile', 'quick', '-t', 'an update changes exactly what it was given'],
    code: 0,
    shows: 'Profile quick: 10 runs per property',
  },
  'npm run conformance -- --profile full': {
    args: ['scripts/conformance.ts', '--profile', 'full', '-t', 'an update changes exactly what it was given'],
    code: 0,
    shows: 'Profile full: 50 runs per property',
  },
  'npm run conformance -- --profile deep': {
    args: ['scripts/conformance.ts', '--profile', 'deep', '-t', 'an update changes exactly what it was given'],
    code: 0,
    shows: 'Profile deep: 500 runs per property',
  },
  'npm run conformance -- --concurrency 8': {
    args: ['scripts/conformance.ts', '--concurrency', '8', '--requirement', 'PEER-LIST-*'],
    code: 0,
    shows: 'PASS',
  },
  'npm run mutants -- --list': { args: ['scripts/mutants.ts', '--list'], code: 0, shows: 'status-lowercase' },
  'npm run conformance -- --emulator-latency 500': {
    args: ['scripts/conformance.ts', '--emulator-latency', '500', '--requirement', 'PEER-SHOW-001'],
    code: 0,
    shows: 'answering after 500 ms',
  },
  'npm run conformance -- --emulator-eventual': {
    args: ['scripts/conformance.ts', '--emulator-eventual', '-t', 'a deleted peering is shown as 404'],
    code: 0,
    shows: 'eventually consistent',
  },
  'npm run conformance -- --emulator-page-size 2': {
    args: ['scripts/conformance.ts', '--emulator-page-size', '2', '--requirement', 'PEER-LIST-*'],
    code: 0,
    shows: 'paging lists at 2',
  },
  'npm run conformance -- --settle-timeout 120': {
    args: ['scripts/conformance.ts', '--settle-timeout', '120', '--requirement', 'PEER-SHOW-004'],
    code: 0,
    shows: 'read again for up to 120 s',
  },
};

/** Commands that nothing runs, each with the reason: said, not passed off as exercised. */
const BY_HAND: Record<string, string> = {
  'npm run bench': 'its figures are reported, never enforced, and it takes up to 10 minutes',
  'npm run bench -- --commands': 'it runs npm ci, npm test and both mutants commands in a fresh clone, about 25 minutes',
};

describe('the README', () => {
  it('gives no command that is not exercised, or said to be run by hand', () => {
    const accounted = new Set([...Object.keys(ELSEWHERE), ...Object.keys(HERE), ...Object.keys(BY_HAND)]);
    expect([...commands].filter((c) => !accounted.has(c))).toEqual([]);
  });

  it.each(Object.entries(ELSEWHERE))('%s is exercised by %s', (_, [file, evidence]) => {
    expect(file === '.ci/run' ? ciRun : readFileSync(file, 'utf8')).toContain(evidence);
  });

  it.each(Object.entries(HERE))('%s runs as the README says', { timeout: 60_000 }, async (_, { args, code, shows }) => {
    const [script, ...rest] = args;
    const run = await runScript(script!, [...rest, ...(script === 'scripts/conformance.ts' ? ['--reports', scratchDir()] : [])], {
      CI: 'true',
    });
    const output = run.stdout + run.stderr;
    expect(run.code, output).toBe(code);
    expect(output).toContain(shows);
  });
});

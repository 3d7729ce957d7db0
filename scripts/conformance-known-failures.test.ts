// Known failures and baselines in whole runs, as a staging CI uses them: against a server that
// breaks PEER-LIST-004 (the status filter ignored), a live entry for it lets the run pass as
// known, an expired one fails it, and against a correct server the entry is reported fixed; each
// run given the one before as its baseline lists exactly the requirement whose result changed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from './support/child-scripts.ts';
import { runConformance } from './support/in-process.ts';

const dir = scratchDir();
const entryFile = (name: string, expires: string) => {
  const file = join(dir, name);
  const entry = `- requirement: PEER-LIST-004\n  reason: the status filter is ignored on staging\n  tracker: https://tracker.example.com/VPC-123\n  expires: ${expires}\n`;
  writeFileSync(file, entry);
  return file;
};
const live = entryFile('live.yaml', '2999-12-31');
const expired = entryFile('expired.yaml', '2020-01-31');
/** The list tests only, quickly: the broken filter's failure waits out a short settle window. */
const LIST_RUN = ['--requirement', 'PEER-LIST-*', '--profile', 'quick', '--settle-timeout', '2'];
const BROKEN = ['--emulator-variant', 'status-filter-ignored'];
/** A finished run's conformance.json, the baseline of the next. */
const reportOf = (run: { reportsDir: string }) => join(run.reportsDir, 'conformance.json');

describe('a run given known failures and a baseline', { timeout: 240_000 }, () => {
  it('passes on a listed failure, fails once it expired, reports it fixed, and lists what changed', async () => {
    const [correct, lapsed] = await Promise.all([
      runConformance([...LIST_RUN, '--known-failures', live]),
      runConformance([...LIST_RUN, ...BROKEN, '--known-failures', expired]),
    ]);

    expect(correct.code, correct.stdout + correct.stderr).toBe(0);
    expect(correct.stdout).toContain('PEER-LIST-004: fixed: it passes now, remove the entry.');
    expect(correct.report().knownFailures).toMatchObject([{ requirement: 'PEER-LIST-004', status: 'fixed' }]);

    expect(lapsed.code, lapsed.stdout + lapsed.stderr).toBe(1);
    expect(lapsed.stdout).toMatch(
      /FAIL: 1 test\(s\) of MUST requirements failed; the known failure of PEER-LIST-004 expired on 2020-01-31/,
    );
    expect(lapsed.report().requirements.find((r) => r.id === 'PEER-LIST-004')?.result).toBe('failed');

    const known = await runConformance([...LIST_RUN, ...BROKEN, '--known-failures', live, '--baseline', reportOf(correct)]);
    expect(known.code, known.stdout + known.stderr).toBe(0);
    expect(known.stdout).toContain('PASS: every applicable check passed, but for 1 known failure(s), and the run left nothing behind.');
    // As it happens, the failure is printed as known, never as FAILED; once its entry expired, as FAILED.
    expect(known.stdout).toMatch(/^KNOWN FAILURE \(PEER-LIST-004; does not fail the run\) .*\[PEER-LIST-004/m);
    expect(known.stdout).not.toMatch(/^FAILED /m);
    expect(lapsed.stdout).toMatch(/^FAILED .*\[PEER-LIST-004/m);
    const report = known.report();
    expect(report.requirements.find((r) => r.id === 'PEER-LIST-004')).toMatchObject({ result: 'known failure' });
    expect(report.knownFailures).toMatchObject([{ status: 'known', tracker: 'https://tracker.example.com/VPC-123' }]);
    expect(report.changes).toMatchObject({
      newlyFailing: ['PEER-LIST-004'],
      newlyPassing: [],
      baseline: { runId: correct.report().run.runId },
    });
    // The changes come first: before the requirement counts in the console, before the matrix in the report.
    expect(known.stdout.indexOf('newly failing: PEER-LIST-004')).toBeGreaterThan(-1);
    expect(known.stdout.indexOf('newly failing: PEER-LIST-004')).toBeLessThan(known.stdout.indexOf('Requirements:'));
    const markdown = readFileSync(join(known.reportsDir, 'conformance.md'), 'utf8');
    expect(markdown.indexOf('## Changes')).toBeLessThan(markdown.indexOf('## Requirements'));
    expect(markdown).toContain(
      'PEER-LIST-004: known failure, not failing the run, until 2999-12-31. the status filter is ignored on staging (https://tracker.example.com/VPC-123)',
    );
    expect(markdown).toMatch(
      /\| PEER-LIST-004 \| MUST \| known failure \| \d+ \| \d+ \| known: the status filter is ignored on staging \(https:\/\/tracker\.example\.com\/VPC-123\) \|/,
    );

    const fixedAgain = await runConformance([...LIST_RUN, '--baseline', reportOf(known)]);
    expect(fixedAgain.code, fixedAgain.stdout + fixedAgain.stderr).toBe(0);
    expect(fixedAgain.report().changes).toMatchObject({ newlyFailing: [], newlyPassing: ['PEER-LIST-004'] });
    expect(fixedAgain.stdout).toContain('newly passing: PEER-LIST-004');
  });

  it.each([
    [
      'a missing known-failures file',
      ['--known-failures', join(dir, 'none.yaml')],
      /--known-failures .*none\.yaml cannot be read \(there is no such file\)/,
    ],
    ['a baseline that is not a report', ['--baseline', live], /--baseline .*live\.yaml cannot be read/],
    ['a shard past the last', ['--shard', '3/2'], /--shard is I\/N, the I-th of N parts with 1 <= I <= N \(as 2\/3\), not "3\/2"/],
  ])('ends at once with exit code 2 and one sentence for %s', async (_, args, sentence) => {
    const run = await runConformance(args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
    expect(run.stderr).toMatch(sentence);
  });
});

// A certification as a vendor makes one, from a clone of the suite, against a server from a target
// file: it verifies, names its suite and every attempt, carries no secret, and once a result in it
// is edited no longer verifies; after an edit to a test the same command reads MODIFIED SUITE, and
// so does verify-bundle. A run that cannot start leaves no folder behind. Certify runs in a process
// of its own, in the clone: it fingerprints the checkout it runs in.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTargetFile } from '../emulator/tenants.ts';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { runScript, scratchDir, writeJson } from './support/child-scripts.ts';
import { certificationSeed } from '../src/reports/certification-seed.ts';
import { fingerprintSuite } from '../src/reports/suite-fingerprint.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

/** This working tree as a vendor would have it: published as a repository, then cloned, so the
 * clone's commit is on its remote and nothing in it is edited. */
function cloneOfThisSuite(): string {
  const scratch = scratchDir();
  const published = join(scratch, 'published');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' });
  for (const file of files.split('\0').filter((f) => f && existsSync(f))) {
    mkdirSync(dirname(join(published, file)), { recursive: true });
    cpSync(file, join(published, file));
  }
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=self-test', '-c', 'user.email=self-test@example.com', ...args], { cwd, stdio: 'ignore' });
  git(published, 'init', '--quiet');
  git(published, 'add', '.');
  git(published, 'commit', '--quiet', '-m', 'the suite as published');
  git(scratch, 'clone', '--quiet', 'published', 'clone');
  const clone = join(scratch, 'clone');
  symlinkSync(resolve('node_modules'), join(clone, 'node_modules'));
  return clone;
}

describe('a certification from a clone of the suite', () => {
  let clone: string;
  let target: string;
  beforeAll(() => {
    clone = cloneOfThisSuite();
    target = writeJson(scratchDir(), 'target.json', toTargetFile(emulator.tenants, emulator.url));
  });
  const certify = (out: string) => runScript('scripts/certify.ts', ['--target', target, '--out', out], {}, clone);
  const verify = (bundle: string) => runScript('scripts/verify-bundle.ts', [bundle], {}, clone);

  it('verifies, names its suite, seed and attempts, holds no secret, and fails once edited', { timeout: 240_000 }, async () => {
    const bundle = join(clone, 'certification', 'clean');
    const made = await certify(bundle);
    expect(made.code, made.stdout + made.stderr).toBe(0);
    const verdictLine = made.stdout.trim().split('\n').at(-1);
    expect(verdictLine).toMatch(
      /^Bundle written to .*: VALID; (not checked|not applicable): .*; attempt 1 against this target .*Details: .*conformance\.md\.$/,
    );
    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
    const suite = fingerprintSuite(clone);
    expect(manifest).toMatchObject({
      verdict: 'valid',
      failedMust: [],
      profile: 'full',
      target: { baseUrl: emulator.url },
      suite: { sha256: suite.sha256, modified: false },
      attempts: [{ verdict: 'valid', suite: { sha256: suite.sha256 } }],
    });
    expect(manifest.suite.files['tests/contract/create.test.ts']).toBe(suite.files['tests/contract/create.test.ts']);
    expect(manifest.seed).toBe(certificationSeed({ suite, target: manifest.target, day: manifest.date.slice(0, 10) }));
    for (const file of filesUnder(bundle)) {
      const text = readFileSync(file, 'utf8');
      for (const tenant of Object.values(emulator.tenants)) expect(text, file).not.toContain(tenant.token);
    }

    for (const form of [bundle, `${bundle}.tar.gz`]) {
      const verified = await verify(form);
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      expect(verified.stdout).toContain('Suite: unedited');
      expect(verified.stdout).toContain('Attempts against this target: 1');
      expect(verified.stdout).toContain('VALID: every file is as the run wrote it');
    }

    const results = join(bundle, 'reports', 'conformance.json');
    writeFileSync(results, readFileSync(results, 'utf8').replace('"result": "passed"', '"result": "failed"'));
    const edited = await verify(bundle);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('INVALID: reports/conformance.json was changed after the run');
  });

  it(
    'after an edit to a test reads MODIFIED SUITE, in its verdict line and in verify-bundle, and runs with another seed',
    { timeout: 240_000 },
    async () => {
      const test = join(clone, 'tests/contract/create.test.ts');
      writeFileSync(test, readFileSync(test, 'utf8') + '\n// an edit a vendor made\n');
      const bundle = join(clone, 'certification', 'edited');
      const made = await certify(bundle);
      expect(made.code, made.stdout + made.stderr).toBe(1);
      expect(made.stdout).toContain('MODIFIED SUITE: not a certification (1 file(s) differ from commit');
      expect(made.stdout.trim().split('\n').at(-1)).toMatch(
        /: MODIFIED SUITE: not a certification \(.*tests\/contract\/create\.test\.ts\); the run: VALID/,
      );
      const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
      expect(manifest.suite).toMatchObject({ modified: true, why: expect.stringContaining('tests/contract/create.test.ts') });
      // The earlier attempt against this target, from this checkout, is listed with this one.
      expect(manifest.attempts.map((a: { suite: { modified: boolean } }) => a.suite.modified)).toEqual([false, true]);
      expect(new Set(manifest.attempts.map((a: { seed: number }) => a.seed)).size).toBe(2);

      const verified = await verify(`${bundle}.tar.gz`);
      expect(verified.code).toBe(1);
      expect(verified.stdout).toContain('MODIFIED SUITE: not a certification');
    },
  );
});

describe('a certification that could not start', () => {
  it('against an unreachable target ends with exit 2, one sentence and no folder', { timeout: 60_000 }, async () => {
    const scratch = scratchDir();
    const unreachable = { ...toTargetFile(emulator.tenants, emulator.url), baseUrl: 'http://127.0.0.1:9' };
    const bundle = join(scratch, 'bundle');
    const made = await runScript('scripts/certify.ts', ['--target', writeJson(scratch, 'target.json', unreachable), '--out', bundle]);
    expect(made.code, made.stdout + made.stderr).toBe(2);
    expect(made.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(bundle)).toBe(false);
    expect(readdirSync(scratch)).toEqual(['target.json']);
  });

  it('from a target file that is not JSON ends with exit 2, one sentence and no folder', async () => {
    const scratch = scratchDir();
    const bundle = join(scratch, 'bundle');
    const made = await runScript('scripts/certify.ts', ['--target', writeJson(scratch, 'target.json', '{"baseUrl": '), '--out', bundle]);
    expect(made.code).toBe(2);
    expect(made.stderr.trim().split('\n')).toEqual([expect.stringContaining('target.json')]);
    expect(existsSync(bundle)).toBe(false);
  });

  it('into a folder that already exists ends with exit 2 and one sentence, and leaves the folder as it was', async () => {
    const bundle = scratchDir();
    writeFileSync(join(bundle, 'earlier.txt'), 'an earlier bundle');
    const made = await runScript('scripts/certify.ts', ['--out', bundle]);
    expect(made.code).toBe(2);
    expect(made.stderr.trim()).toBe(
      `${bundle} already exists: name a folder that does not, with --out, so no earlier bundle's files mix with this one's.`,
    );
    expect(readdirSync(bundle)).toEqual(['earlier.txt']);
  });
});

// The suite's fingerprint on a small tree of its own, cloned as a vendor clones the suite: as
// fetched it is unedited; an edited, added or locally committed test makes it modified; a file
// that cannot change a verdict does not; without git nothing says, so it is unknown.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { scratchDir } from '../../scripts/support/child-scripts.ts';
import { fingerprintSuite } from './suite-fingerprint.ts';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=self-test', '-c', 'user.email=self-test@example.com', ...args], { cwd, stdio: 'ignore' });

/** A published suite (a repository) and a vendor's clone of it. */
function publishedAndCloned(): string {
  const scratch = scratchDir();
  const published = join(scratch, 'published');
  for (const dir of ['tests/contract', 'src', 'emulator']) mkdirSync(join(published, dir), { recursive: true });
  writeFileSync(join(published, 'package.json'), '{"version": "1.2.3"}');
  writeFileSync(join(published, 'tests/contract/create.test.ts'), "it('PEER-CREATE-004 ...', () => {});\n");
  writeFileSync(join(published, 'src/verdict.ts'), 'export const verdict = 1;\n');
  writeFileSync(join(published, 'emulator/server.ts'), 'export const server = 1;\n');
  git(published, 'init', '--quiet');
  git(published, 'add', '.');
  git(published, 'commit', '--quiet', '-m', 'the suite');
  git(scratch, 'clone', '--quiet', 'published', 'clone');
  return join(scratch, 'clone');
}

it('reads a clone as fetched as unedited, with one hash over every file that can change a verdict', () => {
  const clone = publishedAndCloned();
  const suite = fingerprintSuite(clone);
  expect(suite).toMatchObject({ version: '1.2.3', modified: false });
  expect(suite.why).toBeUndefined();
  expect(Object.keys(suite.files)).toEqual(['src/verdict.ts', 'tests/contract/create.test.ts', 'package.json']);
  expect(fingerprintSuite(clone).sha256).toBe(suite.sha256);
});

it('reads an edited test as a modified suite, naming the file, with another hash', () => {
  const clone = publishedAndCloned();
  const before = fingerprintSuite(clone);
  writeFileSync(join(clone, 'tests/contract/create.test.ts'), "it.skip('PEER-CREATE-004 ...', () => {});\n");
  const after = fingerprintSuite(clone);
  expect(after).toMatchObject({ modified: true, why: expect.stringContaining('tests/contract/create.test.ts') });
  expect(after.sha256).not.toBe(before.sha256);
  expect(after.files['tests/contract/create.test.ts']).not.toBe(before.files['tests/contract/create.test.ts']);
});

it('reads a test added beside the others as a modified suite: vitest runs it whether git tracks it or not', () => {
  const clone = publishedAndCloned();
  writeFileSync(join(clone, 'tests/contract/extra.test.ts'), "it('passes', () => {});\n");
  expect(fingerprintSuite(clone)).toMatchObject({ modified: true, why: expect.stringContaining('tests/contract/extra.test.ts') });
});

it('reads an edit committed but on no remote as a modified suite: no one else can fetch that commit', () => {
  const clone = publishedAndCloned();
  writeFileSync(join(clone, 'src/verdict.ts'), 'export const verdict = 0;\n');
  git(clone, 'commit', '--quiet', '--all', '-m', 'a local edit');
  expect(fingerprintSuite(clone)).toMatchObject({ modified: true, why: expect.stringContaining('on no remote branch') });
});

it('leaves out what cannot change a verdict against a real target: the emulator', () => {
  const clone = publishedAndCloned();
  const before = fingerprintSuite(clone);
  writeFileSync(join(clone, 'emulator/server.ts'), 'export const server = 2;\n');
  expect(fingerprintSuite(clone)).toEqual(before);
});

it('reads a copy without git as unknown, saying why', () => {
  const clone = publishedAndCloned();
  const copy = join(scratchDir(), 'copy');
  cpSync(clone, copy, { recursive: true, filter: (path) => !path.endsWith('.git') });
  expect(fingerprintSuite(copy)).toMatchObject({ modified: 'unknown', why: expect.stringContaining('not a git checkout') });
});

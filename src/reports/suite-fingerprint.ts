// Which suite made a certificate: a SHA-256 of every file that can change a verdict, one hash over
// them all, and whether the tree differs from a commit others can fetch. A certificate from a
// suite someone edited (a test loosened, the engine's verdict rule changed) is no certificate, and
// without this it would name the clean commit with no sign of the edit.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Of } from './bundle.ts';

/**
 * What a conformance run executes or reads to reach its verdict: the tests, the engine, the API
 * document and catalogue, the generated types, the run's and certify's entry points, the vitest
 * configuration, the TypeScript settings tsx compiles with, and the dependencies the lockfile pins.
 * Not the emulator: against a real target it never runs (a certificate of the embedded emulator
 * certifies nothing anyway); not the other scripts or the self-tests' helpers outside src/.
 */
const SUITE_PATHS = [
  'src',
  'tests',
  'openapi',
  'generated',
  'scripts/conformance.ts',
  'scripts/certify.ts',
  'vitest.conformance.config.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
] as const;

export interface SuiteFingerprint {
  version: string;
  /** The commit checked out, or why there is none. */
  commit: string;
  /** One hash over every file's path and SHA-256: what a published suite's hash is compared with. */
  sha256: string;
  files: Record<string, string>;
  /** Whether the files differ from a commit on a remote; "unknown" without git to ask. */
  modified: boolean | 'unknown';
  /** What makes it modified or unknown, in words; absent when it is neither. */
  why?: string;
}

/** The fingerprint of the suite checked out at `root`. */
export function fingerprintSuite(root: string): SuiteFingerprint {
  const files = hashSuiteFiles(root);
  const sha256 = sha256Of(
    Object.entries(files)
      .map(([path, hash]) => `${path}\0${hash}\n`)
      .join(''),
  );
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
  return { version, sha256, files, ...gitStateOf(root) };
}

function hashSuiteFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (path: string) => {
    if (statSync(join(root, path)).isDirectory())
      for (const name of readdirSync(join(root, path)).sort()) visit(`${path}/${name}`);
    else files[path] = sha256Of(readFileSync(join(root, path)));
  };
  for (const path of SUITE_PATHS) if (existsSync(join(root, path))) visit(path);
  return files;
}

function gitStateOf(root: string): Pick<SuiteFingerprint, 'commit' | 'modified' | 'why'> {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  let commit: string;
  try {
    commit = git('rev-parse', 'HEAD').trim();
  } catch {
    return { commit: 'unknown (not a git checkout)', modified: 'unknown', why: 'not a git checkout, so nothing says whether its files were edited' };
  }
  // Each line is two status letters, a space and the path; untracked and ignored files count: a test file vitest finds runs whether git tracks it or not.
  const changed = git('status', '--porcelain', '--untracked-files=all', '--ignored', '--', ...SUITE_PATHS)
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  if (changed.length)
    return { commit, modified: true, why: `${changed.length} file(s) differ from commit ${commit.slice(0, 12)}: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', ...' : ''}` };
  // A test edited and committed locally is as edited as one left uncommitted: only a commit on a
  // remote is one an auditor can fetch and compare.
  if (!git('branch', '--remotes', '--contains', 'HEAD').trim())
    return { commit, modified: true, why: `commit ${commit.slice(0, 12)} is on no remote branch, so no one else can fetch the suite it is` };
  return { commit, modified: false };
}

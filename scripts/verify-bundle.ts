// Checks a certification bundle (a folder or its .tar.gz): that every file is the one the manifest
// hashed, that nothing was added or removed, and that the verdict follows from the results; prints
// the verdict. Exit 0 for a valid bundle, 1 otherwise, 2 when it cannot be read.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOptions, stopWith } from '../src/cli/command-line.ts';
import { hashFiles, MANIFEST, verdictOf, type Manifest } from '../src/reports/bundle.ts';
import { subjectOf } from '../src/reports/known-failures.ts';

const [given] = parseOptions({
  command: 'npm run verify-bundle',
  summary:
    'Checks a certification bundle written by npm run certify: that every file is the one its manifest hashed, that nothing was added or removed, and that the verdict follows from the results; then prints the verdict. Exit 0 for a valid bundle, 1 otherwise, 2 when it cannot be read.',
  options: {},
  positionals: { BUNDLE: 'the bundle: its folder, or its .tar.gz' },
}).positionals;
if (!given || !existsSync(given))
  stopWith('Name a certification bundle: npm run verify-bundle -- certification/<folder> (or its .tar.gz).');

let dir = given;
if (given.endsWith('.tar.gz')) {
  const into = mkdtempSync(join(tmpdir(), 'bundle-'));
  execFileSync('tar', ['-xzf', given, '-C', into]);
  dir = join(into, readdirSync(into)[0]!);
}
if (!existsSync(join(dir, MANIFEST))) stopWith(`${given} has no ${MANIFEST}: it is not a certification bundle.`);
const manifest: Manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));

const problems: string[] = [];
const actual = hashFiles(dir);
for (const [file, hash] of Object.entries(manifest.files)) {
  if (!(file in actual)) problems.push(`${file} is missing`);
  else if (actual[file] !== hash) problems.push(`${file} was changed after the run`);
}
for (const file of Object.keys(actual)) if (!(file in manifest.files)) problems.push(`${file} was added after the run`);
const report = JSON.parse(readFileSync(join(dir, 'reports', 'conformance.json'), 'utf8'));
if (manifest.verdict !== verdictOf(report).verdict) problems.push('the verdict does not follow from the results');

console.log(
  `Suite ${manifest.suite.version} (${manifest.suite.commit}), document sha256 ${manifest.document.sha256.slice(0, 12)}, profile ${manifest.profile}, seed ${manifest.seed}, ${manifest.date}`,
);
console.log(`Target: ${manifest.target.description}`);
// Older bundles have no list: they were made before known failures could be given. An entry that
// covered a failure, or expired with it, is one the bundle counts as failed.
for (const e of manifest.knownFailures ?? [])
  if (e.status === 'known' || e.status === 'expired')
    console.log(`Known failure, counted as failed: ${subjectOf(e)} (${e.status}): ${e.reason} (${e.tracker})`);
if (problems.length) {
  console.log(`INVALID: ${problems.join('; ')}.`);
  process.exit(1);
}
console.log(
  manifest.verdict === 'valid'
    ? 'VALID: every file is as the run wrote it, and no MUST requirement failed.'
    : `NOT VALID: intact, but MUST requirements failed: ${manifest.failedMust.join(', ') || 'the run failed'}.`,
);
process.exit(manifest.verdict === 'valid' ? 0 : 1);

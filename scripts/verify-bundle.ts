// Checks a certification bundle (a folder or its .tar.gz): that every file is the one the manifest
// hashed, that nothing was added or removed, and that the verdict follows from the results; then
// prints what the manifest says of the suite that made it (an edited suite is no certification)
// and of every attempt against the target, and the verdict. It hashes nothing of the checkout it
// runs in: the bundle is judged on its own. Exit 0 for a valid certification, 1 otherwise, 2 when
// the bundle cannot be read.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOptions, stopWith } from '../src/cli/command-line.ts';
import { hashFiles, MANIFEST, notACertification, verdictOf, type Manifest } from '../src/reports/bundle.ts';
import { subjectOf } from '../src/verdict/known-failures.ts';

const [given] = parseOptions({
  command: 'npm run verify-bundle',
  summary:
    'Checks a certification bundle written by npm run certify: that every file is the one its manifest hashed, that nothing was added or removed, and that the verdict follows from the results; then prints what the manifest says of the suite that made it and of every attempt against the target, and the verdict. Exit 0 for a valid certification, 1 otherwise (an edited suite included), 2 when the bundle cannot be read.',
  options: {},
  positionals: { BUNDLE: 'the bundle: its folder, or its .tar.gz' },
}).positionals;
if (!given || !existsSync(given))
  stopWith('Name a certification bundle: npm run verify-bundle -- certification/<folder> (or its .tar.gz).');

const dir = given.endsWith('.tar.gz') ? unpacked(given) : given;
if (!existsSync(join(dir, MANIFEST))) stopWith(`${given} has no ${MANIFEST}: it is not a certification bundle.`);
const manifest = readManifest(join(dir, MANIFEST));

const problems: string[] = [];
const actual = hashFiles(dir);
for (const [file, hash] of Object.entries(manifest.files)) {
  if (!(file in actual)) problems.push(`${file} is missing`);
  else if (actual[file] !== hash) problems.push(`${file} was changed after the run`);
}
for (const file of Object.keys(actual)) if (!(file in manifest.files)) problems.push(`${file} was added after the run`);
// Results that were changed or removed are already a problem; only the run's own are read.
const results = 'reports/conformance.json';
if (manifest.files[results] !== undefined && actual[results] === manifest.files[results]) {
  const report = JSON.parse(readFileSync(join(dir, results), 'utf8'));
  if (manifest.verdict !== verdictOf(report).verdict) problems.push('the verdict does not follow from the results');
}

const { suite } = manifest;
console.log(
  `Suite ${suite.version} (${suite.commit}), sha256 ${suite.sha256?.slice(0, 12) ?? 'not recorded'}, profile ${manifest.profile}, seed ${manifest.seed}, ${manifest.date}`,
);
const standing = notACertification(suite);
console.log(
  standing?.text ??
    `Suite: unedited, ${Object.keys(suite.files).length} files as at commit ${suite.commit.slice(0, 12)}, which is on a remote.`,
);
console.log(`Target: ${manifest.target.description}`);
// Older bundles have no list of attempts: they were made before certify logged them.
if (manifest.attempts)
  console.log(
    `Attempts against this target: ${manifest.attempts.length} (${manifest.attempts.map((a) => `${a.date} seed ${a.seed} ${a.verdict}${a.suite.modified === false ? '' : ', suite not as published'}`).join('; ')})`,
  );
// Older bundles have no list: they were made before known failures could be given. An entry that
// covered a failure, or expired with it, is one the bundle counts as failed.
for (const e of manifest.knownFailures ?? [])
  if (e.status === 'known' || e.status === 'expired')
    console.log(`Known failure, counted as failed: ${subjectOf(e)} (${e.status}): ${e.reason} (${e.tracker})`);
if (problems.length) {
  console.log(`INVALID: ${problems.join('; ')}.`);
  process.exit(1);
}
if (manifest.verdict !== 'valid')
  console.log(`NOT VALID: intact, but MUST requirements failed: ${manifest.failedMust.join(', ') || 'the run failed'}.`);
else if (standing)
  console.log(`${standing.label}: not a certification, though every file is as the run wrote it and no MUST requirement failed.`);
else console.log('VALID: every file is as the run wrote it, and no MUST requirement failed.');
process.exit(manifest.verdict === 'valid' && !standing ? 0 : 1);

/** The bundle folder a .tar.gz holds, unpacked into a folder of its own. */
function unpacked(archive: string): string {
  const into = mkdtempSync(join(tmpdir(), 'bundle-'));
  try {
    execFileSync('tar', ['-xzf', archive, '-C', into], { stdio: 'ignore' });
  } catch {
    stopWith(`${archive} is not a readable .tar.gz (truncated or corrupt): fetch the bundle again from whoever made it.`);
  }
  const [folder, ...more] = readdirSync(into);
  if (!folder || more.length)
    stopWith(`${archive} should hold one bundle folder, and holds ${readdirSync(into).length} entries: it is not a certification bundle.`);
  return join(into, folder);
}

function readManifest(path: string): Manifest {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return stopWith(`${path} is not valid JSON (${(error as Error).message}): it is not a certification bundle's manifest.`);
  }
  // What every bundle certify ever wrote has: without it there is nothing to check the files against.
  if (typeof manifest?.files !== 'object' || typeof manifest.suite !== 'object' || typeof manifest.target !== 'object')
    stopWith(`${path} lacks the files, suite or target every manifest names: it is not a certification bundle's manifest.`);
  return manifest;
}

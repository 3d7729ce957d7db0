// A full-profile run packed into one folder (and a .tar.gz) a vendor can hand to a customer or an
// auditor: the reports, the suite's version and commit, the document's hash, the seed, the date,
// the target without its secrets, and a SHA-256 of every file, which `npm run verify-bundle` checks.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseOptions, stopWith } from '../src/cli/command-line.ts';
import { runConformance } from '../src/cli/child-scripts.ts';
import { hashFiles, MANIFEST, sha256Of, verdictOf, type Manifest } from '../src/reports/bundle.ts';
import { readTargetFile, TargetFileError, TENANT_ROLES } from '../src/run/target-file.ts';

const { values: options } = parseOptions({
  command: 'npm run certify',
  summary:
    "Runs the full profile against a target and packs the reports into one folder and a .tar.gz, with a manifest of the suite's version and commit, the document's hash, the seed, the date, the target (never its secrets) and a SHA-256 of every file, which npm run verify-bundle checks. Exit 0 when the bundle is valid: no MUST requirement failed.",
  options: {
    target: {
      type: 'string',
      value: 'FILE',
      description: 'the target file of the implementation to certify (default: $PEERING_TARGET, else the embedded emulator)',
    },
    out: { type: 'string', value: 'DIR', description: 'where the bundle goes (default: certification/<date>)' },
    'known-failures': {
      type: 'string',
      value: 'FILE',
      description: 'known failures to list in the bundle; a MUST among them still makes it NOT VALID',
    },
  },
});

const targetFile = options.target ?? process.env.PEERING_TARGET;
let target: Manifest['target'] = { description: 'the embedded reference emulator' };
if (targetFile) {
  try {
    const file = readTargetFile(targetFile);
    // What was tested, never how to log in: no token, AK or SK reaches the bundle.
    target = {
      description: file.baseUrl,
      baseUrl: file.baseUrl,
      projects: Object.fromEntries(
        TENANT_ROLES.flatMap((role) => {
          const t = file[role];
          return t ? [[role, { projectId: t.projectId, vpcIds: t.vpcIds ?? [] }]] : [];
        }),
      ),
    };
  } catch (error) {
    stopWith(error instanceof TargetFileError ? error.message : String(error));
  }
}

const date = new Date().toISOString();
const dir = options.out ?? join('certification', `${date.slice(0, 19).replaceAll(':', '')}`);
mkdirSync(dir, { recursive: true });
const reports = join(dir, 'reports');
const run = await runConformance(
  [
    '--profile',
    'full',
    '--reports',
    reports,
    ...(targetFile ? ['--target', targetFile] : []),
    ...(options['known-failures'] ? ['--known-failures', options['known-failures']] : []),
  ],
  {
    CI: 'true',
  },
);
if (run.code === 2) stopWith(run.stderr.trim());
const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8'));
const { verdict, failedMust } = verdictOf(report);

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown (not a git checkout)';
  }
})();
const manifest: Manifest = {
  suite: { version, commit },
  document: { path: 'openapi/vpc-peering.yaml', sha256: sha256Of(readFileSync('openapi/vpc-peering.yaml')) },
  catalogue: { path: 'openapi/requirements.yaml', sha256: sha256Of(readFileSync('openapi/requirements.yaml')) },
  date,
  seed: report.run.seed,
  profile: report.run.profile,
  target,
  verdict,
  failedMust,
  knownFailures: report.knownFailures ?? [],
  files: hashFiles(dir),
};
writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
execFileSync('tar', ['-czf', `${dir}.tar.gz`, '-C', dirname(dir), basename(dir)]);
console.log(
  `Bundle written to ${dir} and ${dir}.tar.gz: ${manifest.verdict === 'valid' ? 'VALID' : `NOT VALID (${failedMust.length ? `failed MUST: ${failedMust.join(', ')}` : report.reasons.join('; ')})`}.`,
);
process.exit(manifest.verdict === 'valid' ? 0 : 1);

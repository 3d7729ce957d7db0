// A full-profile run packed into one folder (and a .tar.gz) a vendor can hand to a customer or an
// auditor: the reports, the suite that made them (every file that can change a verdict, hashed,
// and whether any was edited), the seed derived from what is certified, the date, the target
// without its secrets, every certify attempt against that target, and a SHA-256 of every file,
// which `npm run verify-bundle` checks.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { startEmbeddedEmulator } from '../emulator/embedded.ts';
import { parseOptions, stopWith } from '../src/cli/command-line.ts';
import { conformanceCommand, processIo } from '../src/cli/conformance-command.ts';
import { hashFiles, MANIFEST, notACertification, verdictOf, type Manifest } from '../src/reports/bundle.ts';
import { ATTEMPTS_LOG, AttemptsLogError, readAttempts, recordAttempt } from '../src/reports/certification-attempts.ts';
import { certificationSeed } from '../src/reports/certification-seed.ts';
import type { RequirementOutcome } from '../src/verdict/judgement.ts';
import { fingerprintSuite } from '../src/reports/suite-fingerprint.ts';
import { readTargetFile, TargetFileError, TENANT_ROLES } from '../src/document/target-file.ts';

const { values: options } = parseOptions({
  command: 'npm run certify',
  summary:
    'Runs the full profile against a target, showing its progress, and packs the reports into one folder and a .tar.gz with a manifest: the suite (a SHA-256 of every file that can change a verdict, and whether any was edited), the seed (derived from the suite, the target and the day), the target (never its secrets), every certify attempt against that target, and a SHA-256 of every file, which npm run verify-bundle checks. Exit 0 when the bundle is a valid certification: an unedited suite and no MUST requirement failed; 2, and no folder, when the run could not start.',
  options: {
    target: {
      type: 'string',
      value: 'FILE',
      description: 'the target file of the implementation to certify (default: $PEERING_TARGET, else the embedded emulator)',
    },
    out: {
      type: 'string',
      value: 'DIR',
      description:
        'where the bundle goes, a folder that does not exist yet; attempts.jsonl beside it logs every attempt (default: certification/<date>)',
    },
    'known-failures': {
      type: 'string',
      value: 'FILE',
      description: 'known failures to list in the bundle; a MUST among them still makes it NOT VALID',
    },
  },
});

const targetFile = options.target ?? process.env.PEERING_TARGET;
const target = targetFile ? certifiedTarget(targetFile) : { description: 'the embedded reference emulator' };

const date = new Date().toISOString();
const dir = options.out ?? join('certification', `${date.slice(0, 19).replaceAll(':', '')}`);
if (existsSync(dir))
  stopWith(`${dir} already exists: name a folder that does not, with --out, so no earlier bundle's files mix with this one's.`);
const attemptsLog = join(dirname(dir), ATTEMPTS_LOG);
try {
  readAttempts(attemptsLog);
} catch (error) {
  stopWith((error as AttemptsLogError).message);
}

const suite = fingerprintSuite('.');
const standing = notACertification(suite);
const seed = certificationSeed({ suite, target, day: date.slice(0, 10) });
console.log(
  `Certifying ${target.description} with suite ${suite.version} (sha256 ${suite.sha256.slice(0, 12)}), seed ${seed}, derived from the suite, the target and the day (${date.slice(0, 10)} UTC).`,
);
if (standing) console.log(`${standing.text}: the run goes on, and its bundle says so.`);

// Only this folder and what it holds are removed when no bundle is made, whatever ends the process
// first (a second Ctrl-C exits at once); certification/ may hold others.
const createdDir = mkdirSync(dir, { recursive: true }) ?? dir;
let bundled = false;
process.on('exit', () => {
  if (!bundled) rmSync(createdDir, { recursive: true, force: true });
});
const reports = join(dir, 'reports');
// The run shows its progress here, as npm run conformance does, and a Ctrl-C stops it as it stops
// that: its tests end, it sweeps and reports, and certify bundles what it reached.
const { code, report } = await conformanceCommand(
  [
    '--profile',
    'full',
    '--seed',
    String(seed),
    '--reports',
    reports,
    ...(targetFile ? ['--target', targetFile] : []),
    ...(options['known-failures'] ? ['--known-failures', options['known-failures']] : []),
  ],
  processIo(startEmbeddedEmulator),
);
if (!report) {
  // 2: the run said why it could not start, in its own sentence, just above.
  if (code === 2) process.exit(2);
  console.error(`The run ended (exit ${code}) before it wrote its results, so no bundle was made.`);
  // A run stopped by a signal ends as a shell reports it; any other end without results is a run that could not be made.
  process.exit(code > 128 ? code : 2);
}
const { verdict, failedMust } = verdictOf(report);
const attempts = recordAttempt(attemptsLog, {
  date,
  seed,
  target,
  suite: { sha256: suite.sha256, modified: suite.modified },
  verdict,
  bundle: dir,
});

const manifest: Manifest = {
  suite,
  date,
  seed: report.run.seed,
  profile: report.run.profile,
  target,
  verdict,
  failedMust,
  knownFailures: report.knownFailures ?? [],
  attempts,
  files: hashFiles(dir),
};
writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
execFileSync('tar', ['-czf', `${dir}.tar.gz`, '-C', dirname(dir), basename(dir)]);
bundled = true;

const results =
  verdict === 'valid' ? 'VALID' : `NOT VALID (${failedMust.length ? `failed MUST: ${failedMust.join(', ')}` : report.reasons.join('; ')})`;
console.log(
  `Bundle written to ${dir} and ${dir}.tar.gz: ${standing ? `${standing.text}; the run: ` : ''}${results}${unexamined(report.requirements)}; attempt ${attempts.length} against this target (${attemptsLog}). Details: ${join(reports, 'conformance.md')}.`,
);
// A stopped run ends as a shell reports its signal; any other ends 0 only as a valid certification.
process.exit(code > 2 ? code : verdict === 'valid' && !standing ? 0 : 1);

/** What a certificate names of the target: never a token, AK or SK. A file that cannot be read ends certify before anything is made. */
function certifiedTarget(file: string): Manifest['target'] {
  try {
    const read = readTargetFile(file);
    return {
      description: read.baseUrl,
      baseUrl: read.baseUrl,
      projects: Object.fromEntries(
        TENANT_ROLES.flatMap((role) => {
          const t = read[role];
          return t ? [[role, { projectId: t.projectId, vpcIds: t.vpcIds ?? [] }]] : [];
        }),
      ),
    };
  } catch (error) {
    return stopWith(error instanceof TargetFileError ? error.message : String(error));
  }
}

/** The requirements the run did not judge, by name: a VALID that says nothing of them would read as "all passed". */
function unexamined(requirements: RequirementOutcome[]): string {
  const named = (result: RequirementOutcome['result']) => {
    const ids = requirements.filter((r) => r.result === result).map((r) => `${r.id} (${r.level})`);
    return ids.length ? `; ${result}: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ` and ${ids.length - 10} more` : ''}` : '';
  };
  return named('not checked') + named('not applicable');
}

// A certification bundle's manifest and the hashes that make it tamper-evident: every file of
// the bundle is listed with its SHA-256, so an edited result no longer verifies.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CertificationAttempt } from './certification-attempts.ts';
import { isFailing } from '../verdict/judgement.ts';
import type { SuiteFingerprint } from './suite-fingerprint.ts';

export const MANIFEST = 'manifest.json';

export interface Manifest {
  /** The suite that made it: every file that can change a verdict, hashed, and whether it was edited. */
  suite: SuiteFingerprint;
  date: string;
  seed: number;
  profile: string;
  target: { description: string; baseUrl?: string; projects?: Record<string, { projectId: string; vpcIds: string[] }> };
  /** Valid only with zero failed MUST requirements and a passing run. */
  verdict: 'valid' | 'not valid';
  /** Failed MUST requirements, known failures among them: a bundle never counts one as a pass. */
  failedMust: string[];
  /** The known failures the run was given, each with its ticket and what it came to. */
  knownFailures: BundledReport['knownFailures'];
  /** Every certify attempt against this target logged beside the bundles, this one included. */
  attempts: CertificationAttempt[];
  /** Every file of the bundle but the manifest, with its SHA-256. */
  files: Record<string, string>;
}

/** What a bundle's verdict follows from: its run's conformance.json. */
interface BundledReport {
  verdict: string;
  requirements: { id: string; level: string; result: string }[];
  knownFailures?: { requirement?: string; test?: string; reason: string; tracker: string; expires: string; status: string }[];
}

/** Valid only with zero failed MUST requirements and a passing run: the rule certify applies and
 * verify-bundle checks, so the two cannot disagree. A known failure is a failure here: the run
 * does not fail on it, a certification does. */
export function verdictOf(report: BundledReport): Pick<Manifest, 'verdict' | 'failedMust'> {
  const failedMust = report.requirements.filter((r) => r.level === 'MUST' && isFailing(r.result)).map((r) => r.id);
  return { verdict: failedMust.length === 0 && report.verdict === 'pass' ? 'valid' : 'not valid', failedMust };
}

/** Why a bundle is no certification whatever its results say: its suite was edited, or nothing
 * says it was not; `label` for a verdict, `text` with the reason. Undefined for a suite as published. */
export function notACertification(suite: Partial<SuiteFingerprint>): { label: string; text: string } | undefined {
  if (suite.modified === false) return undefined;
  if (suite.modified === true) return { label: 'MODIFIED SUITE', text: `MODIFIED SUITE: not a certification (${suite.why})` };
  const why = suite.why ?? 'the bundle was made before bundles named the files of their suite';
  return { label: 'SUITE NOT VERIFIED', text: `SUITE NOT VERIFIED: not a certification (${why}); certify from a git clone of the suite` };
}

export const sha256Of = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export function hashFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (relative(dir, path) !== MANIFEST) files[relative(dir, path)] = sha256Of(readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

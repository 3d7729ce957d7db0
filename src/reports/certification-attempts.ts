// Every certify attempt, one JSON line each, kept beside the bundles (certification/attempts.jsonl
// by default): a bundle lists every attempt made against its target, so a vendor who certified
// five times shows five verdicts, not the one it liked.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { Manifest } from './bundle.ts';

export const ATTEMPTS_LOG = 'attempts.jsonl';

export interface CertificationAttempt {
  date: string;
  seed: number;
  target: Manifest['target'];
  suite: { sha256: string; modified: boolean | 'unknown' };
  verdict: Manifest['verdict'];
  /** Where its bundle was written. */
  bundle: string;
}

export class AttemptsLogError extends Error {}

/** Every attempt the log holds; none when there is no log yet. */
export function readAttempts(log: string): CertificationAttempt[] {
  if (!existsSync(log)) return [];
  try {
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as CertificationAttempt);
  } catch (error) {
    throw new AttemptsLogError(`${log}, the log of certify attempts, cannot be read (${(error as Error).message}): restore it, or remove it to start a new log.`);
  }
}

/** Appends `attempt` to the log and returns every attempt the log holds against its target, it included. */
export function recordAttempt(log: string, attempt: CertificationAttempt): CertificationAttempt[] {
  appendFileSync(log, JSON.stringify(attempt) + '\n');
  return readAttempts(log).filter((a) => isDeepStrictEqual(a.target, attempt.target));
}

// The seed a certification runs with, derived from what is certified rather than drawn at random:
// with a random seed a vendor could run again and again until one seed's cases happened to pass.
// The same suite against the same target on the same day always searches the same cases.
import { createHash } from 'node:crypto';
import type { Manifest } from './bundle.ts';

export interface CertifiedSubject {
  suite: { version: string; sha256: string };
  target: Manifest['target'];
  /** The UTC day, YYYY-MM-DD: a new day, a new search, and every attempt of the day is logged. */
  day: string;
}

export function certificationSeed({ suite, target, day }: CertifiedSubject): number {
  const subject = JSON.stringify([suite.version, suite.sha256, target.baseUrl ?? target.description, target.projects ?? {}, day]);
  // The run takes a seed below 2^31 (scripts/conformance.ts draws its random ones so): 31 bits of the hash.
  return createHash('sha256').update(subject).digest().readUInt32BE(0) >>> 1;
}

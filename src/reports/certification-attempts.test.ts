// The log of certify attempts: each attempt is kept, a bundle lists those against its own target,
// and a log that cannot be read says so in one sentence.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { scratchDir } from '../../scripts/support/child-scripts.ts';
import { AttemptsLogError, readAttempts, recordAttempt, type CertificationAttempt } from './certification-attempts.ts';

const attempt = (url: string, verdict: CertificationAttempt['verdict']): CertificationAttempt => ({
  date: '2025-03-14T10:00:00.000Z',
  seed: 7,
  target: { description: url, baseUrl: url },
  suite: { sha256: 'a'.repeat(64), modified: false },
  verdict,
  bundle: 'certification/2025-03-14T100000',
});

it('keeps every attempt, and gives back those against the same target', () => {
  const log = join(scratchDir(), 'attempts.jsonl');
  expect(readAttempts(log)).toEqual([]);
  recordAttempt(log, attempt('https://a.example.com', 'not valid'));
  recordAttempt(log, attempt('https://b.example.com', 'valid'));
  const against = recordAttempt(log, attempt('https://a.example.com', 'valid'));
  expect(against.map((a) => a.verdict)).toEqual(['not valid', 'valid']);
  expect(readAttempts(log)).toHaveLength(3);
});

it('refuses a log it cannot read, in one sentence naming the file', () => {
  const log = join(scratchDir(), 'attempts.jsonl');
  writeFileSync(log, '{"date": "2025-03-14"\n');
  expect(() => readAttempts(log)).toThrow(AttemptsLogError);
  expect(() => readAttempts(log)).toThrow(`${log}, the log of certify attempts, cannot be read`);
});
